import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.reshape({ targetShape: [-1, 4] }).apply(bp.ones([3, 8])).shape;   // => [3, 2, 4]
}
