import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y } = bp.data.toy.xor({ n: 100, seed: 1 });
const model = bp.sequential([bp.layers.dense({ units: 8, activation: "tanh", inputShape: [2] }), bp.layers.dense({ units: 1, activation: "sigmoid" })]);
const svg = bp.report.decisionBoundary(model, x, y, { title: "XOR", resolution: 40 });
svg.startsWith("<svg");   // => true
}
