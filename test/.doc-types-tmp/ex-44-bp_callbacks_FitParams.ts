import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let params: bp.callbacks.FitParams | undefined;
class Peek extends bp.callbacks.Callback {
  onTrainBegin(): void {
    params = this.params;
  }
}
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
await model.fit(bp.ones([10, 2]), bp.ones([10, 1]), { epochs: 1, batchSize: 4, verbose: 0, callbacks: [new Peek()] });
params!.steps;   // => 3
}
