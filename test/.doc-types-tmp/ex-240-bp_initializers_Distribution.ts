import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const distribution: bp.initializers.Distribution = "untruncatedNormal";
bp.initializers.varianceScaling({ distribution, seed: 1 }).apply([4, 4]).shape;   // => [4, 4]
}
