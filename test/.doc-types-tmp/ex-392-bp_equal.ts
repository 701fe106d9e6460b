import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.equal(bp.tensor([1, 2, 3]), bp.tensor([1, 0, 3]));   // => [1, 0, 1]
}
