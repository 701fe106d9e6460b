import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.flatten().apply(bp.ones([5, 28, 28, 1])).shape;   // => [5, 784]
}
