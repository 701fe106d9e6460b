import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [bp.callbacks.terminateOnNaN()] });
h.history.loss!.length;   // => 2
}
