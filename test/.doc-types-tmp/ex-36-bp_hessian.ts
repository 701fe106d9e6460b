import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const f = (x: bp.Tensor) => x.pow(3).sum();   // f = Σ x³, H = diag(6x)
bp.hessian(f)(bp.tensor([1, 2]));   // => [[6, 0], [0, 12]]
}
