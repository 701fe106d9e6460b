import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const layer = new bp.layers.Activation({ activation: "relu" });
layer.apply(bp.tensor([-1, 2]));   // => [0, 2]
}
