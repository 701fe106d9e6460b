import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.elu(bp.tensor([0, 2]));   // => [0, 2]
}
