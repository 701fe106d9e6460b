import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const q = bp.initializers.orthogonal({ seed: 1 }).apply([3, 3]);
bp.matmul(q, q, true).sub(bp.eye(3)).abs().max().item() < 1e-5;   // => true
}
