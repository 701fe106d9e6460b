import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1]);
bp.maxPool2d(x, { poolSize: 2 }).reshape([1]);   // => [4]
bp.maxPool2d(bp.ones([1, 28, 28, 8]), { poolSize: 2, strides: 2 }).shape;   // => [1, 14, 14, 8]
}
