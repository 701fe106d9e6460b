import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.less(bp.tensor([1, 2, 3]), 2);   // => [1, 0, 0]
}
