import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.schedules.CosineDecayOptions = { initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10, alpha: 0.1 };
bp.schedules.cosineDecay(options)(5);   // => 0.05
}
