import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const opt = bp.optimizers.adamax({ learningRate: 0.002 });
opt.currentLearningRate();   // => 0.002
}
