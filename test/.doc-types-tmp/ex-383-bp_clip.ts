import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.clip(bp.tensor([-5, 0.5, 5]), 0, 1);   // => [0, 0.5, 1]
}
