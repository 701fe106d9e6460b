import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.optimizers.clipByValue(bp.tensor([-5, 0.5, 5]), 1);   // => [-1, 0.5, 1]
}
