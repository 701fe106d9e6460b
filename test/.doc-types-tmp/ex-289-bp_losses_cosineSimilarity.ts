import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.cosineSimilarity(bp.tensor([[1, 0]]), bp.tensor([[2, 0]])).item();   // => -1
bp.losses.cosineSimilarity(bp.tensor([[1, 0]]), bp.tensor([[0, 3]])).item();   // => 0
}
