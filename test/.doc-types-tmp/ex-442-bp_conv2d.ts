import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const image = bp.rand([1, 28, 28, 1], { seed: 1 });        // NHWC
const edge = bp.tensor([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]).reshape([3, 3, 1, 1]);   // HWIO
bp.conv2d(image, edge, { strides: 1, padding: "same" }).shape;   // => [1, 28, 28, 1]
bp.conv2d(image, edge, { strides: 2, padding: "valid" }).shape;   // => [1, 13, 13, 1]
}
