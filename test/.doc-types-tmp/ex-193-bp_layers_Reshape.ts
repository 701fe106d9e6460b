import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
new bp.layers.Reshape({ targetShape: [28, 28, 1] }).apply(bp.ones([2, 784])).shape;   // => [2, 28, 28, 1]
}
