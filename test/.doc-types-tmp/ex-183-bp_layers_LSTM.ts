import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lstm = new bp.layers.LSTM({ units: 8 });
lstm.apply(bp.ones([2, 5, 3])).shape;   // => [2, 8]
lstm.countParams();   // => 384
}
