/**
 * Whole-test-set summaries of a classifier: the confusion matrix and scikit-learn's
 * classification report (per-class precision, recall, F1 and support, with macro and weighted means).
 */
import { numClassesOf, toClassIndices, type LabelsLike } from "../data/labels.js";
import { ShapeError, ValueError } from "../errors.js";
import { perClassScores, type Counts } from "./tally.js";

/**
 * Precision, recall, F1 and support of one class.
 *
 * @example
 * const scores: bp.metrics.ClassScores = bp.metrics.classificationReport([1, 1, 0], [1, 0, 0]).perClass[1]!;
 * scores;   // => { precision: 1, recall: 0.5, f1: 0.6666667, support: 2 }
 */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * Per-class and averaged scores of a classifier, as scikit-learn's classification_report.
 *
 * @example
 * const report: bp.metrics.ClassificationReport = bp.metrics.classificationReport([2, 0, 2], [2, 0, 1]);
 * report.labels;   // => [0, 1, 2]
 * report.weighted.recall;   // => 0.6666667
 */
export interface ClassificationReport {
  /** Share of right predictions. */
  accuracy: number;
  /** One entry per class 0..numClasses-1. */
  perClass: ClassScores[];
  /** Unweighted mean over the classes present in yTrue or yPred. */
  macro: { precision: number; recall: number; f1: number };
  /** Mean weighted by support. */
  weighted: { precision: number; recall: number; f1: number };
  /** The classes present in yTrue or yPred, which the averages run over (scikit-learn's labels). */
  labels: number[];
}

function labelPair(op: string, yTrue: LabelsLike, yPred: LabelsLike, numClasses?: number): [Int32Array, Int32Array, number] {
  const t = toClassIndices(op, yTrue, "yTrue");
  const p = toClassIndices(op, yPred, "yPred");
  if (t.length !== p.length) throw new ShapeError(`${op}: yTrue has ${t.length} labels but yPred has ${p.length}`);
  const k = numClasses ?? Math.max(numClassesOf(t), numClassesOf(p));
  if (!Number.isInteger(k) || k < 1) throw new ValueError(`${op}: numClasses must be a positive integer, got ${k}`);
  for (const [name, arr] of [["yTrue", t], ["yPred", p]] as const) {
    const i = arr.findIndex((v) => v >= k);
    if (i >= 0) throw new ValueError(`${op}: ${name}[${i}] is ${arr[i]}, out of range for ${k} classes`);
  }
  return [t, p, k];
}

/**
 * Counts of (true class, predicted class) pairs: `cm[i][j]` = samples of class i predicted as j.
 * Labels are class indices (int tensors or arrays); one-hot or probability rows are reduced by argmax.
 *
 * @example
 * bp.metrics.confusionMatrix([0, 1, 1], [0, 0, 1], 2);   // => [[1, 0], [1, 1]]
 */
export function confusionMatrix(yTrue: LabelsLike, yPred: LabelsLike, numClasses?: number): number[][] {
  const [t, p, k] = labelPair("confusionMatrix", yTrue, yPred, numClasses);
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  t.forEach((a, i) => cm[a]![p[i]!]! += 1);
  return cm;
}

/**
 * Per-class precision, recall, F1 and support, accuracy, and the macro and support-weighted means —
 * the numbers of scikit-learn's `classification_report` (undefined ratios count as 0).
 *
 * @example
 * const r = bp.metrics.classificationReport([0, 0, 1, 1], [0, 1, 1, 1]);
 * r.accuracy;   // => 0.75
 * r.perClass[1]!.precision;   // => 0.6666667
 * r.perClass[0]!.recall;   // => 0.5
 * r.macro.f1;   // => 0.7333333
 */
export function classificationReport(yTrue: LabelsLike, yPred: LabelsLike, options: { numClasses?: number } = {}): ClassificationReport {
  const cm = confusionMatrix(yTrue, yPred, options.numClasses);
  const k = cm.length;
  const counts: Counts = { tp: new Float64Array(k), fp: new Float64Array(k), fn: new Float64Array(k) };
  let correct = 0;
  let total = 0;
  cm.forEach((row, i) =>
    row.forEach((v, j) => {
      total += v;
      if (i === j) {
        counts.tp[i] = v;
        correct += v;
      } else {
        counts.fn[i]! += v;
        counts.fp[j]! += v;
      }
    }),
  );
  const scores = perClassScores(counts);
  const perClass = scores.map((s, i) => ({ precision: s.precision, recall: s.recall, f1: s.f1, support: cm[i]!.reduce((a, b) => a + b, 0) }));
  const active = perClass.filter((_, i) => scores[i]!.active);
  const avg = (key: "precision" | "recall" | "f1", weight: (c: ClassScores) => number): number => {
    const w = active.reduce((a, c) => a + weight(c), 0);
    return w > 0 ? active.reduce((a, c) => a + c[key] * weight(c), 0) / w : 0;
  };
  const means = (weight: (c: ClassScores) => number): { precision: number; recall: number; f1: number } => ({
    precision: avg("precision", weight), recall: avg("recall", weight), f1: avg("f1", weight),
  });
  const labels = perClass.map((_, i) => i).filter((i) => scores[i]!.active);
  return { accuracy: total > 0 ? correct / total : 0, perClass, macro: means(() => 1), weighted: means((c) => c.support), labels };
}
