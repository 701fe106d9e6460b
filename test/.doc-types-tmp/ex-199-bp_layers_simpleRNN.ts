import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([bp.layers.simpleRNN({ units: 16, inputShape: [12, 1] }), bp.layers.dense({ units: 1 })]);
model.predict(bp.ones([3, 12, 1])).shape;   // => [3, 1]
}
