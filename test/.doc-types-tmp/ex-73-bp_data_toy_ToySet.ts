import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const set: bp.data.ToySet = bp.data.toy.circle({ n: 50, seed: 1 });
set.y.shape;   // => [50, 1]
}
