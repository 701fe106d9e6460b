import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const f = (x: bp.Tensor) => x.mul(x).sum();   // f(x) = Σ x²
bp.grad(f)(bp.tensor([1, 2, 3]));   // => [2, 4, 6]
}
