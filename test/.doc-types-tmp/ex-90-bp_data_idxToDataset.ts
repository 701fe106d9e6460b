import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const images = { dims: [2, 2, 2], data: new Uint8Array([0, 255, 255, 0, 255, 0, 0, 255]) };
const labels = { dims: [2], data: new Uint8Array([1, 0]) };
const { x, y } = bp.data.idxToDataset(images, labels, ["images.idx", "labels.idx"], 2);
x.shape;   // => [2, 2, 2, 1]
y;   // => [[0, 1], [1, 0]]
}
