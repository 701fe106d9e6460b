import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([0]));
const opt = bp.optimizers.adam({ learningRate: 0.1 });
for (let i = 0; i < 200; i++) opt.minimize(() => w.sub(3).square().sum(), [w]);
Math.abs(w.item() - 3) < 0.05;   // => true
}
