import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.min(bp.tensor([[1, 5], [7, 2]]), 0);   // => [1, 2]
}
