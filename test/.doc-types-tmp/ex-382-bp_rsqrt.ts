import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.rsqrt(bp.tensor([4, 16]));   // => [0.5, 0.25]
}
