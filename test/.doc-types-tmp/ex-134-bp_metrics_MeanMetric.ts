import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const absError = (yTrue: bp.Tensor, yPred: bp.Tensor) => yTrue.sub(yPred).abs().mean(-1).dataSync();
const m = new bp.metrics.MeanMetric("mae", absError);
m.update(bp.tensor([[1], [2]]), bp.tensor([[1.5], [2]]));
m.result();   // => 0.25
}
