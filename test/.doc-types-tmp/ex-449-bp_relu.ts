import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.relu(bp.tensor([-1, 0, 2]));   // => [0, 0, 2]
}
