import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.AdamaxOptions = { learningRate: 0.002, beta1: 0.9, beta2: 0.999 };
bp.optimizers.adamax(options).beta2;   // => 0.999
}
