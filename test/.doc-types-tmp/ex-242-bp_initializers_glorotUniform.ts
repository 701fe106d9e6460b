import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.initializers.glorotUniform({ seed: 1 }).apply([20, 30]);   // uniform in ±sqrt(6 / (20 + 30))
w.abs().max().item() <= Math.sqrt(6 / 50);   // => true
}
