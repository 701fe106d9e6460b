import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.activationName(bp.activations.relu);   // => "relu"
}
