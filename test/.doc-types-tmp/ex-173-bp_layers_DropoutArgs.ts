import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.DropoutArgs = { rate: 0.3, noiseShape: [null, 1, 8], seed: 7 };
bp.layers.dropout(args).apply(bp.ones([2, 5, 8]), { training: true }).shape;   // => [2, 5, 8]
}
