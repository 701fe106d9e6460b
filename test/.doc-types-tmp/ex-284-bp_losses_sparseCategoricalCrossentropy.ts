import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.sparseCategoricalCrossentropy(bp.tensor([1]), bp.tensor([[0.1, 0.8, 0.1]])).item();   // => 0.2231435
}
