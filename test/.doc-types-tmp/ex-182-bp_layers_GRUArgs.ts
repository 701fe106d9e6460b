import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.GRUArgs = { units: 4, resetAfter: false, recurrentActivation: "hardSigmoid" };
bp.layers.gru(args).apply(bp.ones([1, 6, 2])).shape;   // => [1, 4]
}
