import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: 1 }).apply([100, 100]);
w.mean().abs().item() < 0.01;   // => true
}
