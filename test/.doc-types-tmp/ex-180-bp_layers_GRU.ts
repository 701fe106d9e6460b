import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const gru = new bp.layers.GRU({ units: 8 });
gru.apply(bp.ones([2, 5, 3])).shape;   // => [2, 8]
}
