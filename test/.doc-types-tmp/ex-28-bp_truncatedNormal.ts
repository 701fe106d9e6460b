import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const t = bp.truncatedNormal([1000], { seed: 1, stddev: 0.5 });   // redrawn beyond 2 stddev
t.abs().max().item() <= 1;   // => true
}
