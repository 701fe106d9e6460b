import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.diverging(0);   // => [255, 255, 255]
bp.report.diverging(-1)[2] > bp.report.diverging(-1)[0];   // => true
}
