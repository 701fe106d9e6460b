import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.log(bp.tensor([1, Math.E]));   // => [0, 1]
}
