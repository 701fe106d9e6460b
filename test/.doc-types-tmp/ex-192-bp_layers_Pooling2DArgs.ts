import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.Pooling2DArgs = { poolSize: 2, padding: "same" };
bp.layers.averagePooling2d(args).apply(bp.ones([1, 5, 5, 1])).shape;   // => [1, 3, 3, 1]
}
