import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([2]));
const b = bp.variable(bp.tensor([1]));
const { value, grads } = bp.valueAndGrads((w, b) => w.mul(3).add(b).sum())([w, b]);
value.item();   // => 7
grads;   // => [[3], [1]]
}
