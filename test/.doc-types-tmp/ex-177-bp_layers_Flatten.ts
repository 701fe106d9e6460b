import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
new bp.layers.Flatten().apply(bp.ones([2, 4, 4, 3])).shape;   // => [2, 48]
}
