import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const adam = bp.optimizers.adam({ learningRate: 0.002 });
const copy = bp.optimizers.optimizerFromConfig(adam.className, adam.getConfig());
copy.currentLearningRate();   // => 0.002
}
