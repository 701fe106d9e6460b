import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.schedules.ExponentialDecayOptions = { initialLearningRate: 0.01, decaySteps: 1000, decayRate: 0.96, staircase: true };
bp.schedules.exponentialDecay(options)(999);   // => 0.01
}
