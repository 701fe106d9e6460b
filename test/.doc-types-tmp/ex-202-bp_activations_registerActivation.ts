import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.registerActivation("cube", (x) => x.pow(3));
bp.layers.dense({ units: 1, activation: "cube", kernelInitializer: "ones", useBias: false }).apply(bp.tensor([[2]]));   // => [[8]]
}
