import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.callbacks.formatFilepath("ckpt-{epoch:02d}-{val_loss:.3f}", { epoch: 7, val_loss: 0.12345 });   // => "ckpt-07-0.123"
}
