import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.losses.SparseCrossentropyOptions = { fromLogits: true };
bp.losses.sparseCategoricalCrossentropy(bp.tensor([0]), bp.tensor([[0, 0]]), options).item();   // => 0.6931472
}
