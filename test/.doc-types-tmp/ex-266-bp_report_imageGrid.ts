import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const digit: bp.report.GridImage = { width: 2, height: 2, channels: 1, pixels: [0, 255, 255, 0], caption: ["a checkerboard"] };
bp.report.imageGrid([digit, digit], { title: "samples", columns: 2, size: 28 }).includes("samples");   // => true
}
