import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y } = bp.data.toy.gaussian({ n: 100, seed: 1 });
const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
const stop = bp.callbacks.earlyStopping({ monitor: "val_loss", patience: 2, restoreBestWeights: true });
const h = await model.fit(x, y, { epochs: 5, validationSplit: 0.2, verbose: 0, callbacks: [stop] });
h.history.val_loss!.length <= 5;   // => true
}
