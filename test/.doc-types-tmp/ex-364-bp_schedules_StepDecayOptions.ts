import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.schedules.StepDecayOptions = { initialLearningRate: 0.2, dropEvery: 5, factor: 0.1 };
bp.schedules.stepDecay(options)(5);   // => 0.02
}
