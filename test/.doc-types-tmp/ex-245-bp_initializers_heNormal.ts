import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.heNormal({ seed: 1 }).apply([784, 128]).shape;   // => [784, 128]
}
