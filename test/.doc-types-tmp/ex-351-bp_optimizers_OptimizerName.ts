import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const name: bp.OptimizerName = "rmsprop";   // "RMSprop" too; a misspelt name is a type error
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: name, loss: "mse" });
model.optimizer!.className;   // => "RMSprop"
}
