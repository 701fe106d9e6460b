import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
const history: bp.callbacks.History = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0 });
history.history.loss!.length;   // => 3
history.epoch;   // => [0, 1, 2]
}
