import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
new bp.optimizers.Adamax({ learningRate: 0.1 }).minimize(() => w.square().sum(), [w]);
w;   // => [0.9]
}
