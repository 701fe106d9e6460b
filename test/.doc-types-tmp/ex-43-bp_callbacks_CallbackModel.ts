import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
class HalveEveryEpoch extends bp.callbacks.Callback {
  onEpochEnd(): void {
    const m: bp.callbacks.CallbackModel = this.model;
    m.setLearningRate(m.getLearningRate() / 2);
  }
}
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "meanSquaredError" });
await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [new HalveEveryEpoch()] });
model.optimizer!.currentLearningRate();   // => 0.025
}
