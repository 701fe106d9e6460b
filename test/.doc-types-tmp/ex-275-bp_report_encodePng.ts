import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const bytes = bp.report.encodePng(2, 2, 1, [0, 255, 255, 0]);
Array.from(bytes.slice(0, 4));   // => [137, 80, 78, 71]
}
