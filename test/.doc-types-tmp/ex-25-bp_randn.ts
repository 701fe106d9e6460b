import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const z = bp.randn([1000], { seed: 1, mean: 0, stddev: 1 });
Math.abs(z.mean().item()) < 0.1;   // => true
}
