import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const u = bp.rand([2, 3], { seed: 1 });   // uniform in [0, 1)
u.min().item() >= 0 && u.max().item() < 1;   // => true
}
