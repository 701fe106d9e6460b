import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const opt = bp.optimizers.rmsprop({ learningRate: 1e-3, rho: 0.9, momentum: 0.9, centered: true });
opt.centered;   // => true
}
