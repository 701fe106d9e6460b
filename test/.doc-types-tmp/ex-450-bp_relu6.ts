import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.relu6(bp.tensor([-1, 3, 8]));   // => [0, 3, 6]
}
