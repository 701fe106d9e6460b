import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.hardTanh(bp.tensor([-3, 0.5, 3]));   // => [-1, 0.5, 1]
}
