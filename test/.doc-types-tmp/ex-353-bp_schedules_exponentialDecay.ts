import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 });
lr(0);   // => 0.1
lr(100);   // => 0.05
lr(50);   // => 0.0707107
}
