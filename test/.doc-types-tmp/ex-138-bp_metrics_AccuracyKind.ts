import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const kind: bp.metrics.AccuracyKind = bp.metrics.accuracyKind(bp.tensor([[1]]), bp.tensor([[0.9]]));
kind;   // => "binary"
}
