import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const loss = bp.losses.withOptions("sparseCategoricalCrossentropy", { fromLogits: true });
loss(bp.tensor([1]), bp.tensor([[0, 0]])).item();   // => 0.6931472
const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [4] })]);   // outputs logits
model.compile({ optimizer: "adam", loss });
}
