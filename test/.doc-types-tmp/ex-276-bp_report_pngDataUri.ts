import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.pngDataUri(1, 1, 3, [255, 0, 0]).startsWith("data:image/png;base64,");   // => true
}
