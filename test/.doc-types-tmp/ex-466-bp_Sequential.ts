import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y } = bp.data.toy.xor({ n: 200, seed: 1 });
const model = new bp.Sequential({ name: "xor" });
model.add(bp.layers.dense({ units: 8, activation: "tanh", inputShape: [2] }));
model.add(bp.layers.dense({ units: 1, activation: "sigmoid" }));
model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
const history = await model.fit(x, y, { epochs: 20, batchSize: 32, seed: 1, verbose: 0 });
history.history.loss!.length;   // => 20
model.evaluate(x, y).accuracy! > 0.8;   // => true
model.predict(bp.tensor([[0.5, -0.5]])).shape;   // => [1, 1]
model.countParams();   // => 33
}
