import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.IDX_LABELS_MAGIC;   // => 2049
}
