import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.SGDOptions = { learningRate: 0.05, momentum: 0.9 };
bp.optimizers.sgd(options).momentum;   // => 0.9
}
