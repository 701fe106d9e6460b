import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.pad(bp.tensor([[1, 2]]), [[1, 0], [0, 1]]);   // => [[0, 0, 0], [1, 2, 0]]
}
