import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y, labels } = bp.data.toy.circle({ n: 200, noise: 0.05, seed: 1 });   // y: 0 or 1 per point
x.shape;   // => [200, 2]
y.shape;   // => [200, 1]
labels.shape;   // => [200]
}
