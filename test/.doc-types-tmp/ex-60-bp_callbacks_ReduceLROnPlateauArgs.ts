import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.callbacks.ReduceLROnPlateauArgs = { factor: 0.5, patience: 2, cooldown: 1, minLr: 1e-6 };
bp.callbacks.reduceLROnPlateau(args).minLr;   // => 0.000001
}
