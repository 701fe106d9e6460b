import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const values: bp.TensorLike = new Float32Array([1, 2, 3, 4]);
bp.tensor(values, [2, 2]);   // => [[1, 2], [3, 4]]
}
