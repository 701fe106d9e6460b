import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const nearOrigin: bp.report.Predictor = (x) => x.square().sum(1, true).less(0.5).cast("float32");
const { x, labels } = bp.data.toy.circle({ n: 50, seed: 1 });
bp.report.decisionBoundary(nearOrigin, x, labels, { resolution: 20 }).startsWith("<svg");   // => true
}
