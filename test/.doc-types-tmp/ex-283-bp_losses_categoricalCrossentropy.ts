import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const yTrue = bp.tensor([[0, 1, 0]]);
bp.losses.categoricalCrossentropy(yTrue, bp.tensor([[0.1, 0.8, 0.1]])).item();   // => 0.2231435
bp.losses.categoricalCrossentropy(yTrue, bp.tensor([[0, 2, 0]]), { fromLogits: true, labelSmoothing: 0.1 }).item();   // => 0.3728782
}
