/**
 * Metrics as functions of one batch: `(yTrue, yPred) => scalar Tensor`, as `bp.metrics.*`. They
 * judge predictions and are not differentiated (use a loss to train). In `compile({ metrics })`
 * the same names stream over the epoch instead (see getMetric).
 */
import { fmtShape, ShapeError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";
import { accuracyKind, addCounts, correctPerSample, macroScore, samplesOf, type AccuracyKind } from "./tally.js";

const mean = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return v.length === 0 ? 0 : s / v.length;
};
const scalarOf = (v: number): Tensor => makeTensor([], "float32", [v]);

function acc(op: string, kind: AccuracyKind, yTrue: Tensor, yPred: Tensor, threshold?: number): Tensor {
  return scalarOf(mean(correctPerSample(op, kind, yTrue, yPred, threshold)));
}

/**
 * The share of right predictions, choosing the comparison from the shapes like Keras: one output
 * per sample → thresholded at 0.5; class indices vs scores → argmax; one-hot vs scores → argmax both.
 *
 * @example
 * const yTrue = bp.tensor([[0, 1], [1, 0]]);
 * const yPred = bp.tensor([[0.2, 0.8], [0.3, 0.7]]);
 * bp.metrics.accuracy(yTrue, yPred).item();   // => 0.5
 */
export function accuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return acc("accuracy", accuracyKind(yTrue, yPred), yTrue, yPred);
}

/**
 * Share of outputs on the right side of `threshold` (default 0.5), for 0/1 targets.
 *
 * @example
 * bp.metrics.binaryAccuracy(bp.tensor([1, 0, 1, 1]), bp.tensor([0.9, 0.2, 0.4, 0.6])).item();   // => 0.75
 */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor {
  return acc("binaryAccuracy", "binary", yTrue, yPred, threshold);
}

/**
 * Share of samples whose predicted class (argmax) is the one-hot target's class.
 *
 * @example
 * bp.metrics.categoricalAccuracy(bp.tensor([[0, 0, 1], [0, 1, 0]]), bp.tensor([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]])).item();   // => 0.5
 */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return acc("categoricalAccuracy", "categorical", yTrue, yPred);
}

/**
 * Share of samples whose predicted class (argmax) equals the integer label.
 *
 * @example
 * bp.metrics.sparseCategoricalAccuracy(bp.tensor([2, 1]), bp.tensor([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]])).item();   // => 0.5
 */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  return acc("sparseCategoricalAccuracy", "sparse", yTrue, yPred);
}

/**
 * Options of precision, recall and f1: the threshold that makes a probability a prediction.
 *
 * @example
 * const options: bp.metrics.ScoreOptions = { threshold: 0.3 };
 * bp.metrics.precision(bp.tensor([1, 0]), bp.tensor([0.4, 0.2]), options).item();   // => 1
 */
export interface ScoreOptions {
  /** Decision threshold for binary predictions; default 0.5. */
  threshold?: number;
}

/**
 * Of the samples predicted positive, the share that are: tp / (tp + fp). Binary (one output):
 * positive above the threshold. Multi-class: per class by argmax, then the unweighted (macro) mean
 * over the classes present in yTrue or yPred, as scikit-learn's `average="macro"`. 0 when undefined.
 *
 * @example
 * bp.metrics.precision(bp.tensor([1, 0, 1]), bp.tensor([0.9, 0.8, 0.2])).item();   // => 0.5
 */
export function precision(yTrue: Tensor, yPred: Tensor, options: ScoreOptions = {}): Tensor {
  return scalarOf(macroScore(addCounts("precision", undefined, yTrue, yPred, options), "precision"));
}

/**
 * Of the positive samples, the share predicted positive: tp / (tp + fn); binary or macro as precision.
 *
 * @example
 * bp.metrics.recall(bp.tensor([1, 0, 1]), bp.tensor([0.9, 0.8, 0.2])).item();   // => 0.5
 * bp.metrics.recall(bp.tensor([1, 0, 1]), bp.tensor([0.9, 0.8, 0.2]), { threshold: 0.1 }).item();   // => 1
 */
export function recall(yTrue: Tensor, yPred: Tensor, options: ScoreOptions = {}): Tensor {
  return scalarOf(macroScore(addCounts("recall", undefined, yTrue, yPred, options), "recall"));
}

/**
 * Harmonic mean of precision and recall, 2·tp / (2·tp + fp + fn); multi-class: macro mean of per-class F1.
 *
 * @example
 * bp.metrics.f1(bp.tensor([1, 0, 1, 1]), bp.tensor([0.9, 0.8, 0.2, 0.7])).item();   // => 0.6666667
 */
export function f1(yTrue: Tensor, yPred: Tensor, options: ScoreOptions = {}): Tensor {
  return scalarOf(macroScore(addCounts("f1", undefined, yTrue, yPred, options), "f1"));
}

/** Per-sample mean over the last axes of f(t, p), for the regression metrics. */
export function perSampleMean(op: string, yTrue: Tensor, yPred: Tensor, f: (t: number, p: number) => number): Float64Array {
  const n = samplesOf(op, yTrue, yPred);
  if (yTrue.size !== yPred.size) throw new ShapeError(`${op}: yTrue shape ${fmtShape(yTrue.shape)} and yPred shape ${fmtShape(yPred.shape)} differ`);
  const t = yTrue.dataSync();
  const p = yPred.dataSync();
  const k = n === 0 ? 0 : p.length / n;
  const out = new Float64Array(n);
  for (let i = 0; i < p.length; i++) out[Math.floor(i / k)]! += f(t[i] as number, p[i] as number) / k;
  return out;
}

/**
 * Mean of |yTrue − yPred|.
 *
 * @example
 * bp.metrics.meanAbsoluteError(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[1, 3], [3, 2]])).item();   // => 0.75
 */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  return scalarOf(mean(perSampleMean("meanAbsoluteError", yTrue, yPred, (t, p) => Math.abs(t - p))));
}

/**
 * Mean of (yTrue − yPred)².
 *
 * @example
 * bp.metrics.meanSquaredError(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[1, 3], [3, 2]])).item();   // => 1.25
 */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  return scalarOf(mean(perSampleMean("meanSquaredError", yTrue, yPred, (t, p) => (t - p) ** 2)));
}
