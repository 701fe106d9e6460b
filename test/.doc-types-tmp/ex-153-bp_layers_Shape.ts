import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const shape: bp.layers.Shape = [null, 28, 28, 1];   // null: any batch size
bp.layers.conv2d({ filters: 8, kernelSize: 3 }).computeOutputShape(shape);   // => [null, 26, 26, 8]
}
