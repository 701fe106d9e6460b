import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const maxout = new bp.layers.Maxout({ units: 4, pieces: 3 });
maxout.apply(bp.ones([2, 10])).shape;   // => [2, 4]
}
