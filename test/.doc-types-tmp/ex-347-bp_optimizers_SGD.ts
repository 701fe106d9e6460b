import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
new bp.optimizers.SGD({ learningRate: 0.1 }).minimize(() => w.square().sum(), [w]);   // w ← w − 0.1 · 2w
w;   // => [0.8]
}
