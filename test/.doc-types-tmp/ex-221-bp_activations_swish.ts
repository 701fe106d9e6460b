import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.swish(bp.tensor([0]));   // => [0]
}
