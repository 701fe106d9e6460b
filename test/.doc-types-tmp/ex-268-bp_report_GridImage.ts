import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const image: bp.report.GridImage = { width: 3, height: 1, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255], caption: ["red green blue"] };
bp.report.imageGrid([image], { title: "RGB" }).startsWith("<");   // => true
}
