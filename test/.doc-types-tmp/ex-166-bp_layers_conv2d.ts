import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([
  bp.layers.conv2d({ filters: 8, kernelSize: 3, activation: "relu", inputShape: [28, 28, 1] }),
  bp.layers.maxPooling2d({ poolSize: 2 }),
  bp.layers.flatten(),
  bp.layers.dense({ units: 10, activation: "softmax" }),
]);
model.predict(bp.ones([1, 28, 28, 1])).shape;   // => [1, 10]
}
