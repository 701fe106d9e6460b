import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.losses.MulticlassHingeOptions = { margin: 0.5 };
bp.losses.multiclassHinge(bp.tensor([1]), bp.tensor([[1, 1]]), options).item();   // => 0.5
}
