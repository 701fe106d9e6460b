import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.squaredDifference(bp.tensor([1, 2, 3]), bp.tensor([3, 2, 1]));   // => [4, 0, 4]
}
