import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.reshape(bp.arange(0, 6), [2, 3]);   // => [[0, 1, 2], [3, 4, 5]]
bp.arange(0, 6).reshape([3, -1]).shape;   // => [3, 2]
}
