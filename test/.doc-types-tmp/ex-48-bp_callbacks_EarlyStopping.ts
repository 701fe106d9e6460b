import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const stop = new bp.callbacks.EarlyStopping({ monitor: "loss", patience: 1 });
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0 }), loss: "meanSquaredError" });   // never improves
const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 10, verbose: 0, callbacks: [stop] });
h.history.loss!.length;   // => 2
}
