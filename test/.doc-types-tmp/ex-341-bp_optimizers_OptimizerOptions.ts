import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.OptimizerOptions = { learningRate: 0.01, clipNorm: 1, weightDecay: 1e-4 };
bp.optimizers.rmsprop(options).clipNorm;   // => 1
}
