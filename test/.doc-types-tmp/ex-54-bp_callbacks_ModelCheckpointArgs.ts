import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.callbacks.ModelCheckpointArgs = { filepath: "checkpoints/{epoch}", monitor: "val_accuracy", mode: "max", saveBestOnly: true };
bp.callbacks.modelCheckpoint(args).mode;   // => "max"
}
