import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.Conv2dOptions = { strides: [2, 2], padding: "same" };
bp.conv2d(bp.ones([1, 28, 28, 1]), bp.ones([3, 3, 1, 4]), options).shape;   // => [1, 14, 14, 4]
}
