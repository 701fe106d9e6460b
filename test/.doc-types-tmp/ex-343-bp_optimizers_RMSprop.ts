import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
new bp.optimizers.RMSprop({ learningRate: 0.01 }).minimize(() => w.square().sum(), [w]);
w.item() < 1;   // => true
}
