import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.oneHot([2, 0], 3);   // => [[0, 0, 1], [1, 0, 0]]
}
