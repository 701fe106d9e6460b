import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.argmax(bp.tensor([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]]), 1);   // => [1, 0]
}
