import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const loss: bp.LossIdentifier = "categorical_crossentropy";   // camelCase, snake_case or an alias such as "mse"
const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [2] })]);
model.compile({ optimizer: "adam", loss });
}
