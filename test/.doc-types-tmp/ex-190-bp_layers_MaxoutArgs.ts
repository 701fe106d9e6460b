import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.MaxoutArgs = { units: 2, pieces: 4, useBias: false };
bp.layers.maxout(args).apply(bp.ones([1, 3])).shape;   // => [1, 2]
}
