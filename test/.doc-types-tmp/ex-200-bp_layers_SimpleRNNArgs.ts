import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.SimpleRNNArgs = { units: 3, goBackwards: true };
bp.layers.simpleRNN(args).apply(bp.ones([1, 4, 2])).shape;   // => [1, 3]
}
