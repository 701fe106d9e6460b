/** Test-set scores shared by `train` and `evaluate`: loss, accuracy, classification report, confusion matrix. */
import * as bp from "../index.js";
import type { Sequential } from "../model/index.js";
import type { ClassificationReport } from "../metrics/index.js";
import type { CliIO } from "./io.js";
import { pct } from "./io.js";

export interface TestScores {
  loss: number;
  accuracy: number;
  samples: number;
  report: ClassificationReport;
  confusionMatrix: number[][];
  probs: bp.Tensor;
  labels: Int32Array;
}

/** Evaluates the compiled model on (x, y one-hot). */
export function testScores(model: Sequential, x: bp.Tensor, y: bp.Tensor, batchSize: number): TestScores {
  const evaluated = model.evaluate(x, y, { batchSize: Math.max(batchSize, 256) });
  const probs = model.predict(x, { batchSize: Math.max(batchSize, 256) });
  const k = y.shape[1]!;
  const labels = bp.data.argmaxRows(y.dataSync(), y.shape[0]!, k);
  const pred = bp.data.argmaxRows(probs.dataSync(), y.shape[0]!, probs.shape[1]!);
  const confusionMatrix = bp.metrics.confusionMatrix(labels, pred, k);
  const report = bp.metrics.classificationReport(labels, pred, { numClasses: k });
  return { loss: evaluated["loss"] ?? NaN, accuracy: report.accuracy, samples: labels.length, report, confusionMatrix, probs, labels };
}

/** Prints accuracy, the classification report and the confusion matrix. */
export function printScores(io: CliIO, s: TestScores, classNames: readonly string[]): void {
  const right = Math.round(s.accuracy * s.samples);
  io.out.write(`\nTest accuracy: ${pct(s.accuracy)} (${right.toLocaleString("en-US")} of ${s.samples.toLocaleString("en-US")} right), test loss ${s.loss.toFixed(4)}\n\n`);
  io.out.write(`Classification report:\n${bp.metrics.formatClassificationReport(s.report, { classNames })}\n`);
  const table = bp.metrics.formatConfusionMatrix(s.confusionMatrix, { classNames }).split("\n").slice(1).join("\n");
  io.out.write(`Confusion matrix (rows: true class, columns: predicted class):\n${table}`);
}

/** The scores as plain JSON. */
export function scoresJson(s: TestScores, classNames: readonly string[]): Record<string, unknown> {
  return {
    loss: s.loss, accuracy: s.accuracy, samples: s.samples, classNames,
    classificationReport: { accuracy: s.report.accuracy, perClass: s.report.perClass, macro: s.report.macro, weighted: s.report.weighted },
    confusionMatrix: s.confusionMatrix,
  };
}
