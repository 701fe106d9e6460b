import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.data.SplitOptions = { test: 0.25, stratify: false, shuffle: false };
bp.data.split(bp.arange(0, 8), undefined, options).test.x.shape;   // => [2]
}
