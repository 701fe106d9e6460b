import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([
  bp.layers.dense({ units: 128, activation: "relu", inputShape: [784] }),
  bp.layers.dropout({ rate: 0.2 }),
  bp.layers.dense({ units: 10, activation: "softmax" }),
]);
model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
console.log(model.summary());   // layer, output shape and parameters per layer, then the totals
model.countParams();   // => 101770
}
