import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
const opt = bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
opt.minimize(() => w.square().sum(), [w]);
w.item() < 1;   // => true
}
