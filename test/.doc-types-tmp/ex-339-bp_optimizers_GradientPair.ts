import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1, 2]));
const pair: bp.optimizers.GradientPair = { variable: w, grad: bp.tensor([1, 1]) };
bp.optimizers.sgd({ learningRate: 0.5 }).applyGradients([pair]);
w;   // => [0.5, 1.5]
}
