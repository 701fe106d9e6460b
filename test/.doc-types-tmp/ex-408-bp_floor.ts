import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.floor(bp.tensor([1.7, -1.2]));   // => [1, -2]
}
