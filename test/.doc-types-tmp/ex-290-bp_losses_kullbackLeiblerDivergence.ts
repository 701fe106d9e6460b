import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.kullbackLeiblerDivergence(bp.tensor([[0.5, 0.5]]), bp.tensor([[0.5, 0.5]])).item();   // => 0
bp.losses.kullbackLeiblerDivergence(bp.tensor([[1, 0]]), bp.tensor([[0.5, 0.5]])).item();   // => 0.6931472
}
