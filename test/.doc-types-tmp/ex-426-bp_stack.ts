import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.stack([bp.tensor([1, 2]), bp.tensor([3, 4])], 1);   // => [[1, 3], [2, 4]]
}
