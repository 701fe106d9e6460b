import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([[1, 2], [3, 4]]);
bp.sum(x).item();   // => 10
bp.sum(x, 1);   // => [3, 7]
bp.sum(x, 0, true);   // => [[4, 6]]
}
