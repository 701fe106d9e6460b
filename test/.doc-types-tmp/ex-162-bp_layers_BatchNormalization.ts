import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const bn = new bp.layers.BatchNormalization();
const y = bn.apply(bp.tensor([[1], [3]]), { training: true });   // normalized with the batch's statistics
y.abs().sub(1).abs().max().item() < 0.01;   // => true
}
