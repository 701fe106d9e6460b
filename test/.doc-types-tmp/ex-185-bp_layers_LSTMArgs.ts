import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.LSTMArgs = { units: 8, unitForgetBias: true, goBackwards: true };
bp.layers.lstm(args).apply(bp.ones([1, 3, 2])).shape;   // => [1, 8]
}
