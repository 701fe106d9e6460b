import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.fusedActivation(bp.activations.relu);   // => "relu"
bp.activations.fusedActivation(bp.activations.tanh);   // => undefined
}
