import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const weightedMse: bp.losses.LossFn = (yTrue, yPred) => yTrue.sub(yPred).square().mul(bp.tensor([1, 10])).mean();
const model = bp.sequential([bp.layers.dense({ units: 2, inputShape: [3] })]);
model.compile({ optimizer: "adam", loss: weightedMse });
model.evaluate(bp.ones([4, 3]), bp.ones([4, 2])).loss! >= 0;   // => true
}
