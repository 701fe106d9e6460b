import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const rmse: bp.MetricSpec = (yTrue, yPred) => yTrue.sub(yPred).square().mean(-1).sqrt();
const specs: bp.MetricSpec[] = ["mae", rmse, bp.metrics.getMetric("mse")];
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })]);
model.compile({ optimizer: "sgd", loss: "mse", metrics: specs });
Object.keys(model.evaluate(bp.ones([2, 1]), bp.full([2, 1], 3)));   // => ["loss", "mae", "rmse", "mse"]
}
