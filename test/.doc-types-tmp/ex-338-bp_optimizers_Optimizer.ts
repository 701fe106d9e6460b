import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1, 2]));
const opt: bp.Optimizer = bp.optimizers.sgd({ learningRate: 0.1 });
const loss = opt.minimize(() => w.square().sum(), [w]);   // one step; returns the loss
loss;   // => 5
w;   // => [0.8, 1.6]
opt.iterations;   // => 1
}
