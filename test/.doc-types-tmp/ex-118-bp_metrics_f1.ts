import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.f1(bp.tensor([1, 0, 1, 1]), bp.tensor([0.9, 0.8, 0.2, 0.7])).item();   // => 0.6666667
}
