import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.isFinite(bp.tensor([1, Infinity, NaN]));   // => [1, 0, 0]
}
