import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.RMSpropOptions = { learningRate: 0.001, rho: 0.95, centered: false };
bp.optimizers.rmsprop(options).rho;   // => 0.95
}
