import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.isNaN(bp.tensor([1, NaN]));   // => [0, 1]
}
