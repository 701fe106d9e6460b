import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.cos(bp.tensor([0, Math.PI]));   // => [1, -1]
}
