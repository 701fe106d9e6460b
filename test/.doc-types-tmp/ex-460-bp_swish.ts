import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.swish(bp.tensor([0, 1]));   // => [0, 0.7310586]
}
