import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.logSumExp(bp.tensor([1000, 1000])).item();   // => 1000.6931
}
