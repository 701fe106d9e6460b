import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.zeros([2, 2]);   // => [[0, 0], [0, 0]]
}
