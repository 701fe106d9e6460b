import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const opt = bp.optimizers.nadam({ learningRate: 0.002, beta1: 0.9 });
opt.className;   // => "Nadam"
}
