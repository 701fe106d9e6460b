import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.meanSquaredLogarithmicError(bp.tensor([[0]]), bp.tensor([[Math.E - 1]])).item();   // => 1
}
