import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.optimizers.clipByNorm(bp.tensor([3, 4]), 1);   // => [0.6, 0.8]
bp.optimizers.clipByNorm(bp.tensor([0.3, 0.4]), 1);   // => [0.3, 0.4]
}
