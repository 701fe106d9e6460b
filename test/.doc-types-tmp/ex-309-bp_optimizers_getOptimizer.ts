import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const opt = bp.optimizers.getOptimizer("sgd", { learningRate: 0.1, momentum: 0.9 });
opt.className;   // => "SGD"
opt.currentLearningRate();   // => 0.1
}
