import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y } = bp.data.toy.spiral({ n: 150, classes: 3, seed: 1 });
const args: bp.FitArgs = {
  epochs: 3, batchSize: 32, validationSplit: 0.2, shuffle: true, seed: 42,
  classWeight: { 0: 1, 1: 2 },   // classes left out weigh 1
  callbacks: [bp.callbacks.earlyStopping({ patience: 2 })], verbose: 0,
};
const model = bp.sequential([bp.layers.dense({ units: 16, activation: "relu", inputShape: [2] }), bp.layers.dense({ units: 3, activation: "softmax" })]);
model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
Object.keys((await model.fit(x, y, args)).history);   // => ["loss", "accuracy", "val_loss", "val_accuracy", "lr"]
}
