import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.add(bp.tensor([[1, 2], [3, 4]]), bp.tensor([10, 20]));   // => [[11, 22], [13, 24]]
bp.tensor([1, 2]).add(1);   // => [2, 3]
}
