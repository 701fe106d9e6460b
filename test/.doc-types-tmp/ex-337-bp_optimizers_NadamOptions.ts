import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.NadamOptions = { learningRate: 0.001, epsilon: 1e-8 };
bp.optimizers.nadam(options).epsilon;   // => 1e-8
}
