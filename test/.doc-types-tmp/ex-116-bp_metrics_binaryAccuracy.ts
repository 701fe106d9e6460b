import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.binaryAccuracy(bp.tensor([1, 0, 1, 1]), bp.tensor([0.9, 0.2, 0.4, 0.6])).item();   // => 0.75
}
