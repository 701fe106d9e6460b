import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.hardTanh(bp.tensor([-2, 0.3]));   // => [-1, 0.3]
}
