import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const padding: bp.Padding = "same";   // the output keeps the input's size (stride 1)
bp.maxPool2d(bp.ones([1, 5, 5, 1]), { poolSize: 2, strides: 1, padding }).shape;   // => [1, 5, 5, 1]
}
