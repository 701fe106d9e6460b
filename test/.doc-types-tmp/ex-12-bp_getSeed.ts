import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.setSeed(42);
bp.getSeed();   // => 42
}
