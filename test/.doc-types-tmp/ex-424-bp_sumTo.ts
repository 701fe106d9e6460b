import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.sumTo(bp.ones([3, 2]), [2]);   // => [3, 3]
}
