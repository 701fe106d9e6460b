import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.hardSigmoid(bp.tensor([-5, 0, 5]));   // => [0, 0.5, 1]
}
