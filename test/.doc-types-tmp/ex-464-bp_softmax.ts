import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.softmax(bp.tensor([[1, 1], [0, Math.log(3)]]));   // => [[0.5, 0.5], [0.25, 0.75]]
}
