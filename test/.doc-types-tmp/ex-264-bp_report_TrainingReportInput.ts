import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const input: bp.report.TrainingReportInput = {
  title: "MLP on circles",
  facts: { dataset: "circle", epochs: 3 },
  history: { loss: [0.7, 0.5, 0.4], val_loss: [0.72, 0.55, 0.47] },
};
bp.report.trainingReport(input).includes("MLP on circles");   // => true
}
