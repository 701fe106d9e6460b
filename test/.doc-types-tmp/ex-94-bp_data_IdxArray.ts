import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const labels: bp.data.IdxArray = { dims: [3], data: new Uint8Array([7, 2, 1]) };
const images: bp.data.IdxArray = { dims: [3, 1, 1], data: new Uint8Array([0, 128, 255]) };
bp.data.idxToDataset(images, labels, ["images", "labels"]).labels;   // => [7, 2, 1]
}
