import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.mul(bp.tensor([1, 2, 3]), 2);   // => [2, 4, 6]
}
