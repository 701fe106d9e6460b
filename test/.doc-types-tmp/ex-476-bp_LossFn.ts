import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const meanCubed: bp.LossFn = (yTrue, yPred) => yTrue.sub(yPred).abs().pow(3).mean();
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })]);
model.compile({ optimizer: "sgd", loss: meanCubed });
model.evaluate(bp.ones([2, 1]), bp.full([2, 1], 2)).loss;   // => 8
}
