import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.initializers.truncatedNormal({ stddev: 0.1, seed: 1 }).apply([50, 50]);
w.abs().max().item() <= 0.2;   // => true
}
