import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.report.DecisionBoundaryOptions = { resolution: 30, size: 240, margin: 0.2, title: "circle" };
const { x, labels } = bp.data.toy.circle({ n: 50, seed: 1 });
bp.report.decisionBoundary((p) => p.square().sum(1, true).greater(0.5), x, labels, options).includes("circle");   // => true
}
