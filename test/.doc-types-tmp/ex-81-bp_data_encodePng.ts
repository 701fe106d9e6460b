import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const bytes = bp.data.encodePng(bp.ones([28, 28, 1]).mul(0.5));
Array.from(bytes.slice(1, 4), (b) => String.fromCharCode(b)).join("");   // => "PNG"
}
