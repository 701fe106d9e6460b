import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.CompileArgs = { optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy", "f1"] };
const model = bp.sequential([bp.layers.dense({ units: 3, activation: "softmax", inputShape: [4] })]);
model.compile(args);
Object.keys(model.evaluate(bp.ones([2, 4]), bp.tensor([0, 2])));   // => ["loss", "accuracy", "f1"]
}
