import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const out = bp.optimizers.nadamUpdate(bp.tensor([1]), bp.tensor([2]), { m: bp.zeros([1]), v: bp.zeros([1]) }, { lr: 0.1, t: 1, uProduct: bp.optimizers.nadamMomentum(0.9, 1), beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
out.p.item() < 1;   // => true
}
