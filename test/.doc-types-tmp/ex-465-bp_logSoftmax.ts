import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.logSoftmax(bp.tensor([0, 0])).toArray();   // => [-0.6931472, -0.6931472]
}
