import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([[1, -2]]);
const w = bp.tensor([[1, 0], [0, 1]]);
bp.fused.matmul({ a: x, b: w, bias: bp.tensor([0.5, 0.5]), activation: "relu" });   // => [[1.5, 0]]
}
