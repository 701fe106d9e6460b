import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.sqrt(bp.tensor([4, 9]));   // => [2, 3]
}
