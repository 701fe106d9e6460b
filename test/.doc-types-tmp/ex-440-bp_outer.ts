import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.outer(bp.tensor([1, 2]), bp.tensor([3, 4, 5]));   // => [[3, 4, 5], [6, 8, 10]]
}
