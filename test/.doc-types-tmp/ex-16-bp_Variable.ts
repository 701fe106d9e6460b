import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1, 2]), { name: "w" });
w.assign(w.sub(bp.tensor([0.5, 0.5])));   // in place: layers and optimizers keep the same object
w;   // => [0.5, 1.5]
w.trainable;   // => true
}
