import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.RNNArgs = { units: 6, activation: "relu", returnSequences: true, recurrentInitializer: "orthogonal" };
bp.layers.simpleRNN(args).apply(bp.ones([2, 7, 3])).shape;   // => [2, 7, 6]
}
