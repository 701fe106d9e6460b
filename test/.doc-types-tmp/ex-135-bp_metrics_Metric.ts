import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let sum = 0;
let count = 0;
const maxError: bp.metrics.Metric = {
  name: "max_error",
  reset: () => { sum = 0; count = 0; },
  update: (yTrue, yPred) => { sum = Math.max(sum, yTrue.sub(yPred).abs().max().item()); count++; },
  result: () => sum,
};
maxError.update(bp.tensor([1, 2]), bp.tensor([1.5, 4]));
maxError.result();   // => 2
}
