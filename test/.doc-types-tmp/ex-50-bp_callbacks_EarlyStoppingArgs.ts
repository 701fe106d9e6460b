import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.callbacks.EarlyStoppingArgs = { monitor: "val_accuracy", mode: "max", patience: 3, minDelta: 0.001 };
bp.callbacks.earlyStopping(args).mode;   // => "max"
}
