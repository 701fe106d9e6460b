import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const info: bp.optimizers.StepInfo = { lr: 0.01, t: 1 };   // what a step's update rule sees
info.lr * info.t;   // => 0.01
}
