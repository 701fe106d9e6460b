import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
// declare your registered names so that layer options accept them as literal types:
//   declare module "backprop" { interface CustomActivations { cube: true } }
bp.activations.registerActivation("cube", (x) => x.pow(3));
bp.layers.activation({ activation: "cube" }).apply(bp.tensor([2]));   // => [8]
}
