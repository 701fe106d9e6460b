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

/** A regression model's test scores, in the target's own units. */
export interface RegressionScores {
  /** Mean squared error of the standardized targets (the training loss). */
  loss: number;
  mae: number;
  rmse: number;
  r2: number;
  samples: number;
  /** Predicted and true values, in the target's units. */
  predicted: Float64Array;
  actual: Float64Array;
}

/** Scores a regression model on (x, y standardized [N, 1]); `target` undoes the standardization. */
export function regressionScores(model: Sequential, x: bp.Tensor, y: bp.Tensor, batchSize: number, target: { mean: number; scale: number }): RegressionScores {
  const out = model.predict(x, { batchSize: Math.max(batchSize, 256) }).dataSync();
  const ys = y.dataSync();
  const n = ys.length;
  const predicted = Float64Array.from(out, (v) => v * target.scale + target.mean);
  const actual = Float64Array.from(ys, (v) => v * target.scale + target.mean);
  let [abs, sq, sqStd] = [0, 0, 0];
  const mean = actual.reduce((a, b) => a + b, 0) / Math.max(1, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = predicted[i]! - actual[i]!;
    abs += Math.abs(e);
    sq += e * e;
    sqStd += (out[i]! - ys[i]!) ** 2;
    total += (actual[i]! - mean) ** 2;
  }
  return { loss: sqStd / Math.max(1, n), mae: abs / Math.max(1, n), rmse: Math.sqrt(sq / Math.max(1, n)), r2: total > 0 ? 1 - sq / total : NaN, samples: n, predicted, actual };
}

const num = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4)) : String(v));

/** The regression scores as "MAE …, RMSE …, R² …" facts. */
export function regressionFacts(s: RegressionScores): Record<string, string> {
  return { "test MAE": num(s.mae), "test RMSE": num(s.rmse), "test R²": num(s.r2), "test samples": s.samples.toLocaleString("en-US") };
}

/** Prints a regression model's test scores. */
export function printRegressionScores(io: CliIO, s: RegressionScores, label: string): void {
  io.out.write(`\nTest scores (${s.samples.toLocaleString("en-US")} samples, target "${label}"): MAE ${num(s.mae)}, RMSE ${num(s.rmse)}, R² ${num(s.r2)}\n`);
}

/** The regression scores as plain JSON. */
export function regressionJson(s: RegressionScores): Record<string, unknown> {
  return { loss: s.loss, mae: s.mae, rmse: s.rmse, r2: s.r2, samples: s.samples };
}
