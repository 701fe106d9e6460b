import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.softsign(bp.tensor([1]));   // => [0.5]
}
