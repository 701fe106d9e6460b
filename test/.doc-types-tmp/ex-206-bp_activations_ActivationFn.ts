import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const mish: bp.activations.ActivationFn = (x) => x.mul(x.softplus().tanh());
bp.layers.dense({ units: 4, activation: mish }).apply(bp.ones([1, 2])).shape;   // => [1, 4]
}
