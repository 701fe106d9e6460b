import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.cosineDecay({ initialLearningRate: 0.01, decaySteps: 1000 });
lr(0);   // => 0.01
lr(500);   // => 0.005
lr(1000);   // => 0
bp.optimizers.adam({ learningRate: lr }).currentLearningRate();   // => 0.01
}
