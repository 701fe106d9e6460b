import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const [a, b] = bp.unstack(bp.tensor([[1, 2], [3, 4]]));
b;   // => [3, 4]
}
