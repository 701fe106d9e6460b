import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.glorotNormal({ seed: 1 }).apply([20, 30]).shape;   // => [20, 30]
}
