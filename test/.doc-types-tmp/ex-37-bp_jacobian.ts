import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const g = (x: bp.Tensor) => x.mul(x);   // elementwise square: J = diag(2x)
bp.jacobian(g)(bp.tensor([1, 2]));   // => [[2, 0], [0, 4]]
}
