import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.report.LineChartOptions = { title: "error against hidden units", xLabel: "units", yLabel: "error", xTicks: [4, 16, 64] };
bp.report.lineChart([{ name: "validation", values: [0.3, 0.2, 0.25], color: bp.report.VAL_COLOR, dashed: true }], options).includes("units");   // => true
}
