import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const init = bp.initializers.varianceScaling({ scale: 2, mode: "fanIn", distribution: "uniform", seed: 1 });
const w = init.apply([50, 10]);   // uniform in ±sqrt(3 · 2 / 50)
w.abs().max().item() <= Math.sqrt(6 / 50);   // => true
}
