import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.softmax(bp.tensor([[0, 0, 0, 0]]));   // => [[0.25, 0.25, 0.25, 0.25]]
}
