import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.ones([2, 3]).shape;   // => [2, 3]
}
