import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.minimum(bp.tensor([1, 5]), 3);   // => [1, 3]
}
