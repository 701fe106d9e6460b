import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1]);
bp.avgPool2d(x, { poolSize: 2 }).reshape([1]);   // => [2.5]
}
