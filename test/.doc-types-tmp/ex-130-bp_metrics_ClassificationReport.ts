import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const report: bp.metrics.ClassificationReport = bp.metrics.classificationReport([2, 0, 2], [2, 0, 1]);
report.labels;   // => [0, 1, 2]
report.weighted.recall;   // => 0.6666667
}
