import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([[1, 2], [3, 4]]);
bp.mean(x).item();   // => 2.5
bp.mean(x, 0);   // => [2, 3]
}
