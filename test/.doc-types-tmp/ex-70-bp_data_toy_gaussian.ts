import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, labels } = bp.data.toy.gaussian({ n: 200, seed: 1 });
labels.sum().item();   // => 100
}
