import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.Conv2DArgs = { filters: 32, kernelSize: [5, 5], strides: 2, padding: "same", kernelInitializer: "heNormal" };
bp.layers.conv2d(args).apply(bp.ones([1, 28, 28, 3])).shape;   // => [1, 14, 14, 32]
}
