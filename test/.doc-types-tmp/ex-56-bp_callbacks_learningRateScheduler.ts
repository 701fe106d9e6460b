import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const warmup = bp.callbacks.learningRateScheduler((epoch) => Math.min(1, (epoch + 1) / 3) * 0.01);
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "meanSquaredError" });
const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [warmup] });
h.history.lr;   // => [0.0033333, 0.0066667]
}
