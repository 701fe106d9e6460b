import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.MODEL_FORMAT_VERSION;   // => 1
}
