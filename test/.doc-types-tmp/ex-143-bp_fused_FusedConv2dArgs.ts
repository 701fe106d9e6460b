import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.fused.FusedConv2dArgs = { x: bp.ones([1, 8, 8, 3]), filter: bp.ones([3, 3, 3, 16]), strides: 2, padding: "same" };
bp.fused.conv2d(args).shape;   // => [1, 4, 4, 16]
}
