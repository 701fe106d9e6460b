import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.multiclassHinge(bp.tensor([0]), bp.tensor([[3.2, 5.1, -1.7]])).item();   // => 2.9
bp.losses.multiclassHinge(bp.tensor([[1, 0, 0]]), bp.tensor([[3.2, 5.1, -1.7]]), { margin: 2 }).item();   // => 3.9
}
