import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const rng = new bp.Rng(1);
const u = rng.uniform();   // in [0, 1)
u >= 0 && u < 1;   // => true
new bp.Rng(1).uniform() === u;   // => true
}
