import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const set: bp.data.IdxDataset = bp.data.idxToDataset({ dims: [1, 2, 2], data: new Uint8Array(4) }, { dims: [1], data: new Uint8Array([3]) }, ["i", "l"], 10);
set.y.shape;   // => [1, 10]
}
