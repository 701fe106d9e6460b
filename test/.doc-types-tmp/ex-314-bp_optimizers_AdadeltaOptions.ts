import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.AdadeltaOptions = { learningRate: 1, rho: 0.9, epsilon: 1e-7 };
bp.optimizers.adadelta(options).rho;   // => 0.9
}
