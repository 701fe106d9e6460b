import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.losses.CrossentropyOptions = { fromLogits: true, labelSmoothing: 0 };
bp.losses.categoricalCrossentropy(bp.tensor([[1, 0]]), bp.tensor([[0, 0]]), options).item();   // => 0.6931472
}
