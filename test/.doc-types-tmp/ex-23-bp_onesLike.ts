import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.onesLike(bp.tensor([[5, 6]]));   // => [[1, 1]]
}
