import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
// magic 2049 (labels), one dimension of 3, then the labels 7, 2, 1
const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);
const { dims, data } = bp.data.parseIdx(bytes, "labels.idx", bp.data.IDX_LABELS_MAGIC);
dims;   // => [3]
Array.from(data);   // => [7, 2, 1]
}
