import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.DenseArgs = { units: 10, activation: "softmax", kernelRegularizer: bp.regularizers.l2({ l2: 1e-4 }) };
bp.layers.dense(args).apply(bp.ones([1, 5])).sum().item();   // => 1
}
