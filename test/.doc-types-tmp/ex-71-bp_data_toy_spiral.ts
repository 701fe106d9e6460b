import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y } = bp.data.toy.spiral({ n: 300, classes: 3, seed: 1 });
y.shape;   // => [300, 3]
}
