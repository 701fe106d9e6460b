import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let text = "";
const writer: bp.Writer = { write: (chunk) => { text += chunk; }, isTTY: false };   // e.g. a log file or a browser element
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "mse" });
await model.fit(bp.ones([4, 2]), bp.ones([4, 1]), { epochs: 1, verbose: 0, callbacks: [new bp.callbacks.ProgressLogger(writer, 2)] });
text.includes("Epoch 1/1");   // => true
}
