import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const layer = bp.layers.maxout({ units: 16, inputShape: [8] });   // each unit: the max of 2 linear pieces
layer.apply(bp.ones([1, 8])).shape;   // => [1, 16]
}
