import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.exp(bp.tensor([0, 1]));   // => [1, 2.7182817]
}
