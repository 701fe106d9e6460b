import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.Pool2dOptions = { poolSize: 3, strides: 2, padding: "valid" };
bp.avgPool2d(bp.ones([1, 7, 7, 2]), options).shape;   // => [1, 3, 3, 2]
}
