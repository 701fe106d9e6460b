import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);   // 3 labels
bp.data.parseIdxHeader(bytes, "labels.idx", 2049);   // => { dims: [3], offset: 8 }
}
