import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(bp.ones([1, 28, 28, 8])).shape;   // => [1, 14, 14, 8]
}
