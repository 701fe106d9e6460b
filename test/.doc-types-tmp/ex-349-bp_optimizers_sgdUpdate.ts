import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { p, v } = bp.optimizers.sgdUpdate(bp.tensor([1]), bp.tensor([2]), bp.zeros([1]), { lr: 0.1, momentum: 0.9, nesterov: false });
v;   // => [-0.2]
p;   // => [0.8]
}
