import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.BatchNormalizationArgs = { axis: -1, momentum: 0.9, center: true, scale: false };
bp.layers.batchNormalization(args).scale;   // => false
}
