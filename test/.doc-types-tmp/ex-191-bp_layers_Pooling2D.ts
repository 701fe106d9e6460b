import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const pool: bp.layers.Pooling2D = bp.layers.maxPooling2d({ poolSize: 3, strides: 1 });
[pool.poolSize, pool.strides];   // => [[3, 3], [1, 1]]
}
