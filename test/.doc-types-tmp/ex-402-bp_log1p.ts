import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.log1p(bp.tensor([0, 1e-8]));   // => [0, 1e-8]
}
