import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.sign(bp.tensor([-3, 0, 2]));   // => [-1, 0, 1]
}
