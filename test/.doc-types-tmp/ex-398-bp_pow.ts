import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.pow(bp.tensor([2, 3]), 2);   // => [4, 9]
}
