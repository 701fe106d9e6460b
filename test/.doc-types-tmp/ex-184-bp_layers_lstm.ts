import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([
  bp.layers.lstm({ units: 32, inputShape: [20, 1] }),
  bp.layers.dense({ units: 1 }),
]);
model.predict(bp.ones([4, 20, 1])).shape;   // => [4, 1]
}
