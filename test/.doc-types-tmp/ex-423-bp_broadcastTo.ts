import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.broadcastTo(bp.tensor([1, 2]), [2, 2]);   // => [[1, 2], [1, 2]]
}
