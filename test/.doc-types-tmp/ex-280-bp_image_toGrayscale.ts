import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.image.toGrayscale(bp.ones([2, 2, 3])).shape;   // => [2, 2, 1]
bp.image.toGrayscale(bp.tensor([[[1, 0, 0]]])).item();   // => 0.299
}
