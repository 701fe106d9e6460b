import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const opt = bp.optimizers.adamw({ learningRate: 1e-3, weightDecay: 0.004 });
opt.className;   // => "AdamW"
}
