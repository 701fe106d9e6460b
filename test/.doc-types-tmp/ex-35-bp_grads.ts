import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const f = (a: bp.Tensor, b: bp.Tensor) => a.mul(b).sum();
const [da, db] = bp.grads(f)([bp.tensor([1, 2]), bp.tensor([3, 4])]);
da;   // => [3, 4]
db;   // => [1, 2]
}
