import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const loss: bp.losses.Loss<bp.losses.HuberOptions> = bp.losses.huber;
loss(bp.tensor([[0]]), bp.tensor([[3]]), { delta: 1 }).item();   // => 2.5
}
