import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const svg = bp.report.confusionMatrixChart([[50, 2], [4, 44]], { classNames: ["cat", "dog"], title: "test set" });
svg.includes("cat");   // => true
}
