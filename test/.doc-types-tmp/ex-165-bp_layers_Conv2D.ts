import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const conv = new bp.layers.Conv2D({ filters: 16, kernelSize: 3, padding: "same", activation: "relu" });
conv.apply(bp.ones([2, 28, 28, 1])).shape;   // => [2, 28, 28, 16]
conv.countParams();   // => 160
}
