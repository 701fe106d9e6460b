import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.selu(bp.tensor([0])).item();   // => 0
}
