import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const layer = bp.layers.gru({ units: 16, returnSequences: true, inputShape: [10, 4] });
layer.apply(bp.ones([3, 10, 4])).shape;   // => [3, 10, 16]
}
