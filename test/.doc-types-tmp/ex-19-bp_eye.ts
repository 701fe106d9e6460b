import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.eye(2);   // => [[1, 0], [0, 1]]
}
