import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.lessEqual(bp.tensor([1, 2, 3]), 2);   // => [1, 1, 0]
}
