import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.sin(bp.tensor([0, Math.PI / 2]));   // => [0, 1]
}
