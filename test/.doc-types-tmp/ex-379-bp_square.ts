import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.square(bp.tensor([-2, 3]));   // => [4, 9]
}
