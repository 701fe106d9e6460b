import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.full([2, 2], 7);   // => [[7, 7], [7, 7]]
}
