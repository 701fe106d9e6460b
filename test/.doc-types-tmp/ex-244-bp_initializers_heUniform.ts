import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.initializers.heUniform({ seed: 1 }).apply([50, 10]);   // uniform in ±sqrt(6 / 50)
w.abs().max().item() <= Math.sqrt(6 / 50);   // => true
}
