import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.ones().apply([3]);   // => [1, 1, 1]
}
