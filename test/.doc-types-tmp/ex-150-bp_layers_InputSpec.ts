import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const spec: bp.layers.InputSpec = { ndim: 4, axes: { [-1]: 3 }, hint: "[batch, height, width, 3]" };
spec.axes![-1];   // => 3
}
