import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.gather(bp.tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]);   // => [[5, 6], [1, 2]]
}
