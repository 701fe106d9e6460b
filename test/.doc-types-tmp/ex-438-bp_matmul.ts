import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.matmul(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[5], [6]]));   // => [[17], [39]]
bp.matmul(bp.ones([8, 2, 3]), bp.ones([3, 4])).shape;   // => [8, 2, 4]
bp.matmul(bp.ones([3, 2]), bp.ones([3, 4]), true).shape;   // => [2, 4]
}
