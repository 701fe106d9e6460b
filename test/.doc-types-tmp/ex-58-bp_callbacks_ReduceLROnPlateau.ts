import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const reduce = new bp.callbacks.ReduceLROnPlateau({ monitor: "loss", factor: 0.5, patience: 1 });
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0 }), loss: "meanSquaredError" });   // a flat loss
const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [reduce] });
h.history.loss!.length;   // => 3
}
