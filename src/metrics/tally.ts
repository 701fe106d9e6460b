/**
 * The arithmetic behind every metric, on plain arrays: which kind of accuracy a pair of shapes
 * calls for, per-sample correctness, and confusion counts. Metrics read tensors once (dataSync)
 * and never create tensors while counting, so streaming them over an epoch allocates nothing.
 */
import { argmaxRows } from "../data/labels.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * How accuracy reads labels: binary (threshold 0.5), categorical (one-hot) or sparse (class indices).
 *
 * @example
 * const kind: bp.metrics.AccuracyKind = bp.metrics.accuracyKind(bp.tensor([[1]]), bp.tensor([[0.9]]));
 * kind;   // => "binary"
 */
export type AccuracyKind = "binary" | "categorical" | "sparse";

const last = (t: Tensor): number => (t.rank === 0 ? 1 : (t.shape[t.rank - 1] as number));

/**
 * The accuracy Keras's "accuracy" means for these shapes: binary when yPred has one output per
 * sample, sparse when yTrue holds class indices (lower rank, or a last axis of 1), else categorical.
 *
 * @example
 * bp.metrics.accuracyKind(bp.tensor([[0, 1]]), bp.tensor([[0.3, 0.7]]));   // => "categorical"
 * bp.metrics.accuracyKind(bp.tensor([1]), bp.tensor([[0.3, 0.7]]));   // => "sparse"
 * bp.metrics.accuracyKind(bp.tensor([[1]]), bp.tensor([[0.7]]));   // => "binary"
 */
export function accuracyKind(yTrue: Tensor, yPred: Tensor): AccuracyKind {
  if (last(yPred) === 1 || yPred.rank <= 1) return "binary";
  if (yTrue.rank < yPred.rank || last(yTrue) === 1) return "sparse";
  return "categorical";
}

/** The number of samples (axis 0) of yPred, checked against yTrue. */
export function samplesOf(op: string, yTrue: Tensor, yPred: Tensor): number {
  const n = yPred.rank === 0 ? 1 : (yPred.shape[0] as number);
  const m = yTrue.rank === 0 ? 1 : (yTrue.shape[0] as number);
  if (n !== m) throw new ShapeError(`${op}: yTrue has ${m} samples (shape ${fmtShape(yTrue.shape)}) but yPred has ${n} (shape ${fmtShape(yPred.shape)})`);
  return n;
}

function checkSameSize(op: string, yTrue: Tensor, yPred: Tensor): void {
  if (yTrue.size !== yPred.size) {
    throw new ShapeError(`${op}: yTrue shape ${fmtShape(yTrue.shape)} and yPred shape ${fmtShape(yPred.shape)} differ; expected the same number of values`);
  }
}

/** Averages per-row values into per-sample values (rows of one sample are consecutive). */
function perSample(values: Float64Array, n: number): Float64Array {
  if (values.length === n) return values;
  const k = values.length / n;
  const out = new Float64Array(n);
  for (let i = 0; i < values.length; i++) out[Math.floor(i / k)]! += (values[i] as number) / k;
  return out;
}

/** 1 where the prediction is right, 0 where wrong, averaged per sample (over outputs or time steps). */
export function correctPerSample(op: string, kind: AccuracyKind, yTrue: Tensor, yPred: Tensor, threshold = 0.5): Float64Array {
  const n = samplesOf(op, yTrue, yPred);
  const t = yTrue.dataSync();
  const p = yPred.dataSync();
  if (kind === "binary") {
    checkSameSize(op, yTrue, yPred);
    const out = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) out[i] = ((p[i] as number) > threshold ? 1 : 0) === (t[i] as number) ? 1 : 0;
    return perSample(out, n);
  }
  const c = last(yPred);
  const rows = p.length / c;
  const pred = argmaxRows(p, rows, c);
  let truth: Int32Array;
  if (kind === "categorical") {
    checkSameSize(op, yTrue, yPred);
    truth = argmaxRows(t, rows, c);
  } else {
    if (t.length !== rows) throw new ShapeError(`${op}: sparse labels of shape ${fmtShape(yTrue.shape)} do not match predictions of shape ${fmtShape(yPred.shape)}; expected ${rows} labels`);
    truth = Int32Array.from(t);
  }
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = truth[i] === pred[i] ? 1 : 0;
  return perSample(out, n);
}

/** Sample weights as an array of n (all 1 when absent). */
export function weightsOf(op: string, sampleWeight: Tensor | undefined, n: number): ArrayLike<number> {
  if (!sampleWeight) return new Float64Array(n).fill(1);
  if (sampleWeight.size !== n) throw new ShapeError(`${op}: sampleWeight has ${sampleWeight.size} values (shape ${fmtShape(sampleWeight.shape)}); expected one per sample (${n})`);
  return sampleWeight.dataSync();
}

/** Confusion counts for precision / recall: per class (multi-class) or of the positive class (binary). */
export interface Counts {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
}

export const emptyCounts = (k: number): Counts => ({ tp: new Float64Array(k), fp: new Float64Array(k), fn: new Float64Array(k) });

/**
 * Adds a batch to `counts` (created on first use). Binary (one output, or `binary` set): each value is
 * a prediction, positive when above `threshold`, and counts go to entry 0. Multi-class: argmax of
 * each row against the true class (one-hot or index), counted per class.
 */
export function addCounts(op: string, counts: Counts | undefined, yTrue: Tensor, yPred: Tensor, options: { threshold?: number; binary?: boolean; sampleWeight?: Tensor }): Counts {
  const n = samplesOf(op, yTrue, yPred);
  const w = weightsOf(op, options.sampleWeight, n);
  const t = yTrue.dataSync();
  const p = yPred.dataSync();
  const thr = options.threshold ?? 0.5;
  if (!Number.isFinite(thr)) throw new ValueError(`${op}: threshold must be a finite number, got ${thr}`);
  if (options.binary || last(yPred) === 1 || yPred.rank <= 1) {
    checkSameSize(op, yTrue, yPred);
    const c = counts ?? emptyCounts(1);
    const per = p.length / n;
    for (let i = 0; i < p.length; i++) {
      const wi = w[Math.floor(i / per)] as number;
      const predPos = (p[i] as number) > thr;
      const truePos = (t[i] as number) > 0.5;
      if (predPos && truePos) c.tp[0]! += wi;
      else if (predPos) c.fp[0]! += wi;
      else if (truePos) c.fn[0]! += wi;
    }
    return c;
  }
  const k = last(yPred);
  const rows = p.length / k;
  const pred = argmaxRows(p, rows, k);
  const truth = accuracyKind(yTrue, yPred) === "categorical" ? (checkSameSize(op, yTrue, yPred), argmaxRows(t, rows, k)) : Int32Array.from(t);
  if (truth.length !== rows) throw new ShapeError(`${op}: labels of shape ${fmtShape(yTrue.shape)} do not match predictions of shape ${fmtShape(yPred.shape)}`);
  const c = counts && counts.tp.length === k ? counts : emptyCounts(k);
  for (let i = 0; i < rows; i++) {
    const wi = w[Math.floor((i * n) / rows)] as number;
    const a = truth[i] as number;
    const b = pred[i] as number;
    if (a < 0 || a >= k || !Number.isInteger(a)) throw new ValueError(`${op}: label ${a} is out of range for ${k} classes`);
    if (a === b) c.tp[a]! += wi;
    else {
      c.fp[b]! += wi;
      c.fn[a]! += wi;
    }
  }
  return c;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** F1 as 2·P·R / (P + R), 0 when both are 0 — the same floating-point steps as scikit-learn. */
export const harmonic = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** Precision, recall and F1 of each class in counts (0 where undefined, as scikit-learn's zero_division). */
export function perClassScores(c: Counts): { precision: number; recall: number; f1: number; active: boolean }[] {
  return Array.from(c.tp, (tp, i) => {
    const fp = c.fp[i] as number;
    const fn = c.fn[i] as number;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return { precision, recall, f1: harmonic(precision, recall), active: tp + fp + fn > 0 };
  });
}

/** Binary: the positive class's score; multi-class: the unweighted mean over classes seen in labels or predictions. */
export function macroScore(c: Counts, which: "precision" | "recall" | "f1"): number {
  const scores = perClassScores(c);
  if (scores.length === 1) return scores[0]![which];
  const active = scores.filter((s) => s.active);
  return active.length === 0 ? 0 : active.reduce((a, s) => a + s[which], 0) / active.length;
}
