import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x: bp.Data = [[0, 0], [0, 1], [1, 0], [1, 1]];   // a tensor, or nested arrays
const y: bp.Data = [[0], [1], [1], [0]];
const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
model.predict(x).shape;   // => [4, 1]
(await model.fit(x, y, { epochs: 1, verbose: 0 })).history.loss!.length;   // => 1
}
