import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const bytes = bp.data.encodePng(bp.full([28, 28, 1], 0.5));   // e.g. fetched or read from a file
const img = bp.data.decodePng(bytes, { channels: 3 });
img.shape;   // => [28, 28, 3]
}
