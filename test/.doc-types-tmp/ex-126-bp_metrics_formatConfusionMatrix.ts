import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const cm = bp.metrics.confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1], 2);
const text = bp.metrics.formatConfusionMatrix(cm, { classNames: ["cat", "dog"] });
console.log(text);   // rows: true class, columns: predicted class
text.includes("dog");   // => true
}
