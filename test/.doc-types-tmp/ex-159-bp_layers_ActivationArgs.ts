import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.ActivationArgs = { activation: "tanh", name: "squash" };
bp.layers.activation(args).name;   // => "squash"
}
