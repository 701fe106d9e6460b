import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const activation: bp.fused.FusedActivation = "relu";
bp.fused.matmul({ a: bp.tensor([[-1]]), b: bp.tensor([[1]]), activation });   // => [[0]]
}
