import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.IDX_IMAGES_MAGIC;   // => 2051
}
