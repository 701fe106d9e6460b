import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const logs: bp.callbacks.Logs = { loss: 0.31, accuracy: 0.9, val_loss: 0.35 };
Object.keys(logs).filter((k) => k.startsWith("val_"));   // => ["val_loss"]
}
