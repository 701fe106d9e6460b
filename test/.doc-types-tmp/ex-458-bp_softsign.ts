import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.softsign(bp.tensor([1, -3]));   // => [0.5, -0.75]
}
