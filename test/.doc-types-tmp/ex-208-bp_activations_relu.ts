import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.relu(bp.tensor([-2, 3]));   // => [0, 3]
}
