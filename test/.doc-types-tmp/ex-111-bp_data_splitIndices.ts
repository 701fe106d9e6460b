import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { train, test } = bp.data.splitIndices([0, 0, 1, 1], { test: 0.5, seed: 1 });
train.length;   // => 2
test.length;   // => 2
}
