import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y, labels } = bp.data.toy.gaussian({ n: 100, seed: 1 });
const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
const h = await model.fit(x, labels, { epochs: 2, verbose: 0 });
const html = bp.report.trainingReport({ title: "gaussian", history: h.history, test: { labels, probs: model.predict(x), inputs: x }, model });
html.startsWith("<!DOCTYPE html>");   // => true
}
