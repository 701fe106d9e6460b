import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.leakyRelu(bp.tensor([-1, 2]), 0.1);   // => [-0.1, 2]
}
