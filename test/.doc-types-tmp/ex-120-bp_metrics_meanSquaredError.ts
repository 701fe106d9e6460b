import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.meanSquaredError(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[1, 3], [3, 2]])).item();   // => 1.25
}
