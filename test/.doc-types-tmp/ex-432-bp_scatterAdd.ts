import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.scatterAdd(bp.tensor([1, 2, 3]), [0, 2, 0], 0, [3]);   // => [4, 0, 2]
}
