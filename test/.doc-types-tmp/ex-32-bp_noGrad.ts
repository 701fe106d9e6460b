import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([1, 2, 3]);
const f = (x: bp.Tensor) => bp.noGrad(() => x.mul(10)).add(x).sum();   // the noGrad part is a constant
bp.grad(f)(x);   // => [1, 1, 1]
}
