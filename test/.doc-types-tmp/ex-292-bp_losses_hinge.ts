import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.hinge(bp.tensor([[1], [0]]), bp.tensor([[0.3], [-2]])).item();   // => 0.35
}
