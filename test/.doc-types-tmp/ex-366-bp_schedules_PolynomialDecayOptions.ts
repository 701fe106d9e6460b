import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.schedules.PolynomialDecayOptions = { initialLearningRate: 0.1, decaySteps: 10, power: 2, cycle: true };
bp.schedules.polynomialDecay(options)(10);   // => 0.0001
}
