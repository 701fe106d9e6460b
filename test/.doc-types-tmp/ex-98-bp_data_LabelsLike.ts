import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const labels: bp.data.LabelsLike = new Int32Array([0, 1, 1]);
bp.data.oneHot(labels);   // => [[1, 0], [0, 1], [0, 1]]
}
