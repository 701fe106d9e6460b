import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const out = bp.optimizers.adadeltaUpdate(bp.tensor([1]), bp.tensor([0.5]), { accumulatedGrad: bp.zeros([1]), accumulatedDelta: bp.zeros([1]) }, { lr: 1, rho: 0.95, epsilon: 1e-6 });
out.p.item() < 1;   // => true
}
