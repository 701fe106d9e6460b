import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.where(bp.tensor([1, 0, 1]), bp.tensor([1, 2, 3]), 0);   // => [1, 0, 3]
const x = bp.tensor([-1, 2]);
x.greater(0).where(x, x.mul(0.1));   // => [-0.1, 2]
}
