import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.relu6(bp.tensor([-2, 3, 9]));   // => [0, 3, 6]
}
