import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const name: bp.ActivationName = "leakyRelu";   // "leaky_relu" too; a misspelt name is a type error
bp.layers.activation({ activation: name }).apply(bp.tensor([-1]));   // => [-0.2]
}
