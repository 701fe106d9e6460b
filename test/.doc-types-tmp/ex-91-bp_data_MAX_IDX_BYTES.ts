import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.MAX_IDX_BYTES;   // => 1073741824
}
