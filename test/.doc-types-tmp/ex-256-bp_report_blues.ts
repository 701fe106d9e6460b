import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.blues(0);   // => [255, 255, 255]
}
