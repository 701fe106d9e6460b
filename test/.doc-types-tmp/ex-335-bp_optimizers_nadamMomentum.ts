import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.optimizers.nadamMomentum(0.9, 1);   // => 0.468
}
