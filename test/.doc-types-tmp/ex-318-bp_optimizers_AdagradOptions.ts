import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.optimizers.AdagradOptions = { learningRate: 0.01, initialAccumulatorValue: 0.1 };
bp.optimizers.adagrad(options).initialAccumulatorValue;   // => 0.1
}
