import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.logCosh(bp.tensor([[0]]), bp.tensor([[1]])).item();   // => 0.4337808
}
