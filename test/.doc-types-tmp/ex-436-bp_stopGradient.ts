import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const f = (x: bp.Tensor) => x.mul(bp.stopGradient(x)).sum();   // d/dx treats the second x as a constant
bp.grad(f)(bp.tensor([3]));   // => [3]
}
