import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const yTrue = bp.tensor([[1], [0]]);
bp.losses.binaryCrossentropy(yTrue, bp.tensor([[0.9], [0.1]])).item();   // => 0.1053605
bp.losses.binaryCrossentropy(yTrue, bp.tensor([[2.2], [-2.2]]), { fromLogits: true }).item();   // => 0.1050833
}
