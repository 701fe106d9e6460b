import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.max(bp.tensor([[1, 5], [7, 2]]), 1);   // => [5, 7]
}
