import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const mode: bp.callbacks.MonitorMode = "max";   // a larger figure is better
bp.callbacks.earlyStopping({ monitor: "val_f1", mode }).mode;   // => "max"
}
