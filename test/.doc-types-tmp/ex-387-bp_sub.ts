import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.sub(bp.tensor([5, 7]), bp.tensor([1, 2]));   // => [4, 5]
}
