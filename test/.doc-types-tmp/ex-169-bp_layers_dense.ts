import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const layer = bp.layers.dense({ units: 128, activation: "relu", inputShape: [784] });
layer.apply(bp.ones([32, 784])).shape;   // => [32, 128]
}
