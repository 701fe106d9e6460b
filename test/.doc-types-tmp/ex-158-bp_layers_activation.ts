import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.activation({ activation: "softmax" }).apply(bp.tensor([[1, 1]]));   // => [[0.5, 0.5]]
}
