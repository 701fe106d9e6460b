import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.logSigmoid(bp.tensor([0])).item();   // => -0.6931472
}
