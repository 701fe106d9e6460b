import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const report = bp.metrics.classificationReport([0, 0, 1, 1], [0, 1, 1, 1]);
const text = bp.metrics.formatClassificationReport(report, { classNames: ["cat", "dog"] });
console.log(text);   // precision, recall, f1-score and support per class, then the averages
text.includes("weighted avg");   // => true
}
