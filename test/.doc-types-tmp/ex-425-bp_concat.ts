import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.concat([bp.tensor([[1, 2]]), bp.tensor([[3, 4]])], 0);   // => [[1, 2], [3, 4]]
}
