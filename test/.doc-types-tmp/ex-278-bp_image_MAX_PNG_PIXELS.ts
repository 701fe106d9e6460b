import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.image.MAX_PNG_PIXELS;   // => 268435456
}
