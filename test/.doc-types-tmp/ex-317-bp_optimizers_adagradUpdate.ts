import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { p, a } = bp.optimizers.adagradUpdate(bp.tensor([1]), bp.tensor([2]), bp.zeros([1]), { lr: 0.1, epsilon: 0 });
a;   // => [4]
p;   // => [0.9]
}
