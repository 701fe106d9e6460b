import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.AdamOptions = { learningRate: 3e-4, beta1: 0.9, beta2: 0.98, epsilon: 1e-9, amsgrad: true };
bp.optimizers.adam(options).amsgrad;   // => true
}
