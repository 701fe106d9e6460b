import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const mode: bp.initializers.FanMode = "fanAvg";
bp.initializers.varianceScaling({ mode, seed: 1 }).apply([4, 4]).shape;   // => [4, 4]
}
