import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.div(bp.tensor([1, 3]), bp.tensor([2, 4]));   // => [0.5, 0.75]
}
