import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1, 1]));
const opt = bp.optimizers.adagrad({ learningRate: 0.5, initialAccumulatorValue: 0 });
opt.minimize(() => w.mul(bp.tensor([1, 100])).sum(), [w]);   // per-coordinate steps: both move by 0.5
w;   // => [0.5, 0.5]
}
