import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const svg = bp.report.lineChart([{ name: "training", values: [0.9, 0.5, 0.3], color: bp.report.TRAIN_COLOR }], { title: "loss" });
svg.startsWith("<svg");   // => true
}
