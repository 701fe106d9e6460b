import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const specs: bp.layers.ActivationSpec[] = ["relu", (x) => x.mul(x.sigmoid())];
specs.map((a) => bp.layers.activation({ activation: a }).apply(bp.tensor([-1])).item() <= 0);   // => [true, true]
}
