import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
new bp.optimizers.AdamW({ learningRate: 0.1, weightDecay: 0.1 }).minimize(() => w.mul(0).sum(), [w]);   // a zero gradient: only the decay acts
w;   // => [0.99]
}
