import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const charts = bp.report.historyCharts({ loss: [0.9, 0.5], accuracy: [0.6, 0.8], val_loss: [1, 0.6], val_accuracy: [0.5, 0.7] });
charts.map((c) => c.key);   // => ["loss", "accuracy"]
}
