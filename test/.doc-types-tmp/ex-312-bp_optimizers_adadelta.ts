import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([3]));
const opt = bp.optimizers.adadelta({ learningRate: 1, rho: 0.95, epsilon: 1e-6 });
for (let i = 0; i < 10; i++) opt.minimize(() => w.sub(1).square().sum(), [w]);
w.item() < 3;   // => true
}
