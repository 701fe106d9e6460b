import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.arange(0, 10, 2);   // => [0, 2, 4, 6, 8]
}
