import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.losses.HuberOptions = { delta: 1.5 };
bp.losses.huber(bp.tensor([[0]]), bp.tensor([[1]]), options).item();   // => 0.5
}
