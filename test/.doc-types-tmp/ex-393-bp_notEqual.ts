import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.notEqual(bp.tensor([1, 2, 3]), bp.tensor([1, 0, 3]));   // => [0, 1, 0]
}
