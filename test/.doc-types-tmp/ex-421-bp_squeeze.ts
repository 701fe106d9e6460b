import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.squeeze(bp.ones([1, 3, 1])).shape;   // => [3]
}
