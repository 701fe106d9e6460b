import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.huber(bp.tensor([[0, 0]]), bp.tensor([[0.5, 3]])).item();   // => 1.3125
bp.losses.huber(bp.tensor([[0]]), bp.tensor([[3]]), { delta: 2 }).item();   // => 4
}
