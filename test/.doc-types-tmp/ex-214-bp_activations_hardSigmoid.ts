import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.hardSigmoid(bp.tensor([0, 10]));   // => [0.5, 1]
}
