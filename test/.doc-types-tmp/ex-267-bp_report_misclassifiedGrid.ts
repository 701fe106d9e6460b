import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.rand([3, 28, 28, 1], { seed: 1 });
const probs = bp.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]);
const svg = bp.report.misclassifiedGrid(x, [0, 0, 1], probs, { classNames: ["cat", "dog"], limit: 30 });   // the 2nd and 3rd are wrong
svg?.includes("dog");   // => true
}
