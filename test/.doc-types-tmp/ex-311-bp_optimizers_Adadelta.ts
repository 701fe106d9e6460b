import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
const opt = new bp.optimizers.Adadelta({ rho: 0.95 });
opt.minimize(() => w.square().sum(), [w]);
w.item() < 1;   // => true
}
