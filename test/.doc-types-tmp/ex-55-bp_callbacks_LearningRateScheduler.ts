import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const halve = new bp.callbacks.LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2));
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "meanSquaredError" });
const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [halve] });
h.history.lr;   // => [0.1, 0.05, 0.025]
}
