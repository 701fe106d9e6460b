import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01, power: 1 });
lr(50);   // => 0.055
lr(200);   // => 0.01
}
