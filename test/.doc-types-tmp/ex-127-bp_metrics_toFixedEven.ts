import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.toFixedEven(0.125, 2);   // => "0.12"
(0.125).toFixed(2);   // => "0.13"
}
