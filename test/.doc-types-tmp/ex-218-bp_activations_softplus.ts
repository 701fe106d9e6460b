import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.softplus(bp.tensor([0]));   // => [0.6931472]
}
