import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const parts: bp.data.SplitIndices = bp.data.splitIndices(100, { validation: 0.1, test: 0.2, seed: 1 });
[parts.train.length, parts.validation.length, parts.test.length];   // => [70, 10, 20]
}
