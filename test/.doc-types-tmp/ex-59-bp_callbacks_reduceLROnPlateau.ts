import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const reduce = bp.callbacks.reduceLROnPlateau({ monitor: "val_loss", factor: 0.2, patience: 5, minLr: 1e-5 });
reduce.factor;   // => 0.2
}
