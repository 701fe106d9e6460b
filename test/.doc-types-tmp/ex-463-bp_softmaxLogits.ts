import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const p = bp.softmax(bp.tensor([[1, 2, 3]]));
bp.softmaxLogits(p);   // => [[1, 2, 3]]
bp.softmaxLogits(bp.tensor([[0.2, 0.8]]));   // => undefined
}
