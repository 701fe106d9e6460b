import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const out = bp.optimizers.adamUpdate(bp.tensor([1]), bp.tensor([2]), { m: bp.zeros([1]), v: bp.zeros([1]) }, { lr: 0.1, t: 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
out.p;   // => [0.9]
out.m;   // => [0.2]
}
