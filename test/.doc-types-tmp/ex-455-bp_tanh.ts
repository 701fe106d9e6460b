import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.tanh(bp.tensor([0, 100]));   // => [0, 1]
}
