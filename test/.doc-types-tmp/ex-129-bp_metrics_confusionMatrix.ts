import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.confusionMatrix([0, 1, 1], [0, 0, 1], 2);   // => [[1, 0], [1, 1]]
}
