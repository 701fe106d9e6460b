import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const data: bp.TypedArray = bp.tensor([1, 2, 3]).dataSync();
data instanceof Float32Array;   // => true
}
