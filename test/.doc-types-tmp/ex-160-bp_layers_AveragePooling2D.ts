import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const pool = new bp.layers.AveragePooling2D({ poolSize: 2 });
pool.apply(bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1])).reshape([1]);   // => [2.5]
}
