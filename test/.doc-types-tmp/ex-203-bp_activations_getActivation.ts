import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.getActivation("relu")(bp.tensor([-1, 2]));   // => [0, 2]
bp.activations.getActivation(null)(bp.tensor([-1]));   // => [-1]
}
