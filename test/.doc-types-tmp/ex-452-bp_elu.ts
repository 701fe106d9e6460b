import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.elu(bp.tensor([0, 1])).toArray();   // => [0, 1]
bp.elu(bp.tensor([-1])).item();   // => -0.6321206
}
