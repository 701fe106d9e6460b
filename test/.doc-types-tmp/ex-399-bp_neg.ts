import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.neg(bp.tensor([1, -2]));   // => [-1, 2]
}
