import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
const stopAfterOne = { onEpochEnd: () => { model.stopTraining = true; } };
const history = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 5, verbose: 0, callbacks: [stopAfterOne] });
const info: bp.callbacks.StopInfo | undefined = history.stopped;
info?.reason;   // => "stopTraining"
}
