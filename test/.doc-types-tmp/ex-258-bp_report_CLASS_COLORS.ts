import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.CLASS_COLORS[0];   // => [31, 119, 180]
}
