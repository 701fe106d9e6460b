import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.reciprocal(bp.tensor([2, 4]));   // => [0.5, 0.25]
}
