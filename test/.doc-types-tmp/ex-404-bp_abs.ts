import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.abs(bp.tensor([-1.5, 2]));   // => [1.5, 2]
}
