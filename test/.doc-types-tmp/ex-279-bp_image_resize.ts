import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.image.resize(bp.ones([100, 80, 3]), [28, 28]).shape;   // => [28, 28, 3]
bp.image.resize(bp.tensor([[0, 1]]).reshape([1, 2, 1]), [1, 4], { method: "nearest" }).reshape([4]);   // => [0, 0, 1, 1]
}
