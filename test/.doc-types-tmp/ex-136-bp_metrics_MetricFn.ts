import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const within1: bp.metrics.MetricFn = (yTrue, yPred) => yTrue.sub(yPred).abs().lessEqual(1).cast("float32");
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError", metrics: [within1] });
}
