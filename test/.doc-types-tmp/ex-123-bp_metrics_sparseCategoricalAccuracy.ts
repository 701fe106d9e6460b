import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.sparseCategoricalAccuracy(bp.tensor([2, 1]), bp.tensor([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]])).item();   // => 0.5
}
