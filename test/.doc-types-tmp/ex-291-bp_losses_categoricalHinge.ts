import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
// max form: max(0, 1 + max_{j≠y} s_j − s_y) (multiclassHinge is the lectures' sum form)
bp.losses.categoricalHinge(bp.tensor([[0, 1, 0]]), bp.tensor([[0.5, 0.8, 0.6]])).item();   // => 0.8
}
