import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.constant({ value: 0.1 }).apply([2]);   // => [0.1, 0.1]
}
