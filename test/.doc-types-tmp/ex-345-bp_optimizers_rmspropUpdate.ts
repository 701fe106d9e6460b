import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { p, slots } = bp.optimizers.rmspropUpdate(bp.tensor([1]), bp.tensor([2]), { velocity: bp.zeros([1]) }, { lr: 0.1, rho: 0.9, momentum: 0, epsilon: 1e-7 });
slots.velocity;   // => [0.4]
p.item() < 1;   // => true
}
