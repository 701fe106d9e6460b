import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.expandDims(bp.tensor([1, 2]), 1);   // => [[1], [2]]
}
