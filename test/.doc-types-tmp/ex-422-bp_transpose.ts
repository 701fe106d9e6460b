import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.transpose(bp.tensor([[1, 2, 3], [4, 5, 6]]));   // => [[1, 4], [2, 5], [3, 6]]
bp.transpose(bp.ones([2, 3, 4]), [0, 2, 1]).shape;   // => [2, 4, 3]
}
