import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.dot(bp.tensor([1, 2, 3]), bp.tensor([4, 5, 6])).item();   // => 32
}
