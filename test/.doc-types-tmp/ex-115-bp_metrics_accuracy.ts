import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const yTrue = bp.tensor([[0, 1], [1, 0]]);
const yPred = bp.tensor([[0.2, 0.8], [0.3, 0.7]]);
bp.metrics.accuracy(yTrue, yPred).item();   // => 0.5
}
