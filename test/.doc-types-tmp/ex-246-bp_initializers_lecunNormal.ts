import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.lecunNormal({ seed: 1 }).apply([64, 64]).shape;   // => [64, 64]
}
