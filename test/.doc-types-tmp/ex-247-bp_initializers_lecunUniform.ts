import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.initializers.lecunUniform({ seed: 1 }).apply([75, 10]);   // uniform in ±sqrt(3 / 75)
w.abs().max().item() <= 0.2;   // => true
}
