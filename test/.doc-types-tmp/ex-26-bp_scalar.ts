import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.scalar(3.5).rank;   // => 0
}
