import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const [a, b] = bp.optimizers.clipByGlobalNorm([bp.tensor([3]), bp.tensor([4])], 1);   // joint norm 5 → 1
a;   // => [0.6]
b;   // => [0.8]
}
