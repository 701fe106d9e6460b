import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.maximum(bp.tensor([1, 5]), bp.tensor([3, 2]));   // => [3, 5]
}
