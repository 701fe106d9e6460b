import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.greaterEqual(bp.tensor([1, 2, 3]), 2);   // => [0, 1, 1]
}
