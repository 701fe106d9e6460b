import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.argmaxRows([0.1, 0.9, 0.7, 0.3], 2, 2);   // => [1, 0]
}
