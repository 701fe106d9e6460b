import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.initializers.VarianceScalingArgs = { scale: 1, mode: "fanIn", distribution: "truncatedNormal", seed: 1 };   // LeCun normal
bp.initializers.varianceScaling(args).apply([64, 32]).shape;   // => [64, 32]
}
