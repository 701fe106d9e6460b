import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.leakyRelu(bp.tensor([-1, 3]));   // => [-0.2, 3]
}
