import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.metrics.accuracyKind(bp.tensor([[0, 1]]), bp.tensor([[0.3, 0.7]]));   // => "categorical"
bp.metrics.accuracyKind(bp.tensor([1]), bp.tensor([[0.3, 0.7]]));   // => "sparse"
bp.metrics.accuracyKind(bp.tensor([[1]]), bp.tensor([[0.7]]));   // => "binary"
}
