import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const model = bp.sequential([
  bp.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 10 }),
  bp.layers.flatten(),
  bp.layers.dense({ units: 1, activation: "sigmoid" }),
]);
model.predict(bp.zeros([2, 10], "int32")).shape;   // => [2, 1]
}
