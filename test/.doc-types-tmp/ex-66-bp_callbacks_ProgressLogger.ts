import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let out = "";
const writer: bp.Writer = { write: (text) => { out += text; }, isTTY: false };
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 1, verbose: 0, callbacks: [new bp.callbacks.ProgressLogger(writer, 2)] });
out.includes("loss");   // => true
}
