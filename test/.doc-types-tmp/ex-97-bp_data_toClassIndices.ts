import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.toClassIndices("myMetric", bp.tensor([[0, 1], [1, 0]]));   // => [1, 0]
bp.data.toClassIndices("myMetric", [2, 0, 1]);   // => [2, 0, 1]
}
