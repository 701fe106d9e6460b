import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.argmin(bp.tensor([3, 1, 2]));   // => 1
}
