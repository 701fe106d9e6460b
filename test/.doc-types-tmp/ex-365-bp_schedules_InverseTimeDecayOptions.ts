import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.schedules.InverseTimeDecayOptions = { initialLearningRate: 0.1, decaySteps: 10, decayRate: 1, staircase: true };
bp.schedules.inverseTimeDecay(options)(15);   // => 0.05
}
