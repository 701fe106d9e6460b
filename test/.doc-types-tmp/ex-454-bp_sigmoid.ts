import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.sigmoid(bp.tensor([0, 100, -100]));   // => [0.5, 1, 0]
}
