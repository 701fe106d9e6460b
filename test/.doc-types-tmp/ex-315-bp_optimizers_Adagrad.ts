import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]));
new bp.optimizers.Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0 }).minimize(() => w.square().sum(), [w]);
w.item();   // => 0.9
}
