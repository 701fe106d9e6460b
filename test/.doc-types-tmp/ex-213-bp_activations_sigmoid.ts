import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.sigmoid(bp.tensor([0]));   // => [0.5]
}
