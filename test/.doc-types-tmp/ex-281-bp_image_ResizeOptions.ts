import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.image.ResizeOptions = { method: "bilinear" };
bp.image.resize(bp.ones([8, 8, 1]), [4, 4], options).shape;   // => [4, 4, 1]
}
