import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 1 });
lr(10);   // => 0.05
}
