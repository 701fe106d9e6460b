import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([
  bp.layers.dense({ units: 16, inputShape: [4], useBias: false }),
  bp.layers.batchNormalization({ momentum: 0.99, epsilon: 1e-3 }),
  bp.layers.activation({ activation: "relu" }),
]);
model.predict(bp.ones([2, 4])).shape;   // => [2, 16]
}
