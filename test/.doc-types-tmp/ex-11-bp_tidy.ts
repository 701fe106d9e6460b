import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.tensor([1, 2, 3]);
const y = bp.tidy(() => x.mul(2).add(1));   // the intermediate x.mul(2) is freed
y;   // => [3, 5, 7]
}
