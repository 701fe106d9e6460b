import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: 1 }).apply([10, 10]);
w.abs().max().item() <= 0.05;   // => true
}
