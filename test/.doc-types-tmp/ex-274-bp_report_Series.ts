import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const series: bp.report.Series[] = [
  { name: "training", values: [0.5, 0.3], color: bp.report.TRAIN_COLOR },
  { name: "validation", values: [0.6, 0.4], color: bp.report.VAL_COLOR, dashed: true },
];
bp.report.lineChart(series, { title: "loss" }).includes("validation");   // => true
}
