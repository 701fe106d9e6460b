import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.resolvePads("conv2d", "same", 28, 28, [3, 3], [1, 1]);   // => { top: 1, bottom: 1, left: 1, right: 1 }
}
