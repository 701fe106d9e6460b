import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.losses.LossOptionsByName["huber"] = { delta: 0.5 };
bp.losses.withOptions("huber", options)(bp.tensor([[0]]), bp.tensor([[1]])).item();   // => 0.375
}
