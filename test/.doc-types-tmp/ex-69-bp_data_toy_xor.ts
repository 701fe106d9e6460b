import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y } = bp.data.toy.xor({ n: 400, seed: 1 });
[x.shape, y.shape];   // => [[400, 2], [400, 1]]
}
