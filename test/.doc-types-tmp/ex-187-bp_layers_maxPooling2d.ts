import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.maxPooling2d({ poolSize: [2, 2], strides: 2, padding: "valid" }).apply(bp.ones([1, 27, 27, 4])).shape;   // => [1, 13, 13, 4]
}
