import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const name: bp.InitializerName = "glorotNormal";   // "glorot_normal" too
bp.layers.dense({ units: 2, kernelInitializer: name }).apply(bp.ones([1, 3])).shape;   // => [1, 2]
}
