import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.flatten(bp.ones([2, 3, 4])).shape;   // => [24]
}
