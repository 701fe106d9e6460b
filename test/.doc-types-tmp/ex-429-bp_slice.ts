import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([[1, 2, 3], [4, 5, 6]]);
bp.slice(x, [0, 1], [2, 2]);   // => [[2, 3], [5, 6]]
bp.slice(x, [1, 0], [1, -1]);   // => [[4, 5, 6]]
}
