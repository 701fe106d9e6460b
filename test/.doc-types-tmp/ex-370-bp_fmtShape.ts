import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.fmtShape([2, 3]);   // => "[2,3]"
}
