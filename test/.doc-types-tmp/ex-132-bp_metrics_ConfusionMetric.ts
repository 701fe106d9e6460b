import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const m = new bp.metrics.ConfusionMetric("recall", "recall", { binary: true });
m.update(bp.tensor([[1], [1]]), bp.tensor([[0.9], [0.1]]));
m.update(bp.tensor([[1], [0]]), bp.tensor([[0.8], [0.7]]));
m.result();   // => 0.6666667
}
