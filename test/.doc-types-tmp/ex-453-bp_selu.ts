import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.selu(bp.tensor([1])).item();   // => 1.050701
}
