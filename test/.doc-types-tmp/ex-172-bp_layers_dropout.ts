import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([
  bp.layers.dense({ units: 64, activation: "relu", inputShape: [20] }),
  bp.layers.dropout({ rate: 0.2 }),
  bp.layers.dense({ units: 1 }),
]);
model.predict(bp.ones([2, 20])).shape;   // => [2, 1]
}
