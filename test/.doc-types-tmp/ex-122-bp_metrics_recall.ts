import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.recall(bp.tensor([1, 0, 1]), bp.tensor([0.9, 0.8, 0.2])).item();   // => 0.5
bp.metrics.recall(bp.tensor([1, 0, 1]), bp.tensor([0.9, 0.8, 0.2]), { threshold: 0.1 }).item();   // => 1
}
