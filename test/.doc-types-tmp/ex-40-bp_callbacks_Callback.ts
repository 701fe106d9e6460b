import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
class EpochTimer extends bp.callbacks.Callback {
  readonly seconds: number[] = [];
  private start = 0;
  onEpochBegin(): void {
    this.start = performance.now();
  }
  onEpochEnd(): void {
    this.seconds.push((performance.now() - this.start) / 1000);
  }
}
const timer = new EpochTimer();
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [timer] });
timer.seconds.length;   // => 3
}
