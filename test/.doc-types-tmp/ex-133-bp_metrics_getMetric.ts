import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const m = bp.metrics.getMetric("accuracy", "categoricalCrossentropy");
m.update(bp.tensor([[0, 1], [1, 0]]), bp.tensor([[0.2, 0.8], [0.6, 0.4]]));
m.update(bp.tensor([[0, 1]]), bp.tensor([[0.9, 0.1]]));
m.result();   // => 0.6666667
m.name;   // => "accuracy"
}
