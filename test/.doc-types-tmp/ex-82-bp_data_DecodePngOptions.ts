import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.data.DecodePngOptions = { channels: 1 };   // grey, whatever the file holds
bp.data.decodePng(bp.data.encodePng(bp.ones([4, 4, 3])), options).shape;   // => [4, 4, 1]
}
