/**
 * Class labels in whatever form they come — int32 indices, float labels, one-hot rows, `[N, 1]`
 * columns or plain arrays — as one flat Int32Array of class indices.
 */
import { fmtShape, ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";

/**
 * Labels as accepted by split, computeClassWeight and the metrics.
 *
 * @example
 * const labels: bp.data.LabelsLike = new Int32Array([0, 1, 1]);
 * bp.data.oneHot(labels);   // => [[1, 0], [0, 1], [0, 1]]
 */
export type LabelsLike = Tensor | ArrayLike<number>;

/**
 * Class indices from labels: a rank-1 (or `[N, 1]`) array of integers is taken as is; a `[N, C]`
 * tensor with C > 1 is one-hot (or probabilities) and gives its argmax per row.
 *
 * @example
 * bp.data.toClassIndices("myMetric", bp.tensor([[0, 1], [1, 0]]));   // => [1, 0]
 * bp.data.toClassIndices("myMetric", [2, 0, 1]);   // => [2, 0, 1]
 */
export function toClassIndices(op: string, labels: LabelsLike, what = "labels"): Int32Array {
  if (labels instanceof Tensor) {
    const shape = labels.shape;
    const data = labels.dataSync();
    if (shape.length === 2 && (shape[1] as number) > 1) return argmaxRows(data, shape[0] as number, shape[1] as number);
    if (shape.length === 1 || (shape.length === 2 && shape[1] === 1)) return checkIntegers(op, data, what);
    throw new ValueError(`${op}: ${what} must be class indices [N] or [N,1], or one-hot rows [N,C]; got shape ${fmtShape(shape)}`);
  }
  return checkIntegers(op, labels, what);
}

function checkIntegers(op: string, data: ArrayLike<number>, what: string): Int32Array {
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isInteger(v) || v < 0) {
      throw new ValueError(`${op}: ${what}[${i}] is ${v}; expected a non-negative integer class index`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Row-wise argmax of a row-major [rows, cols] array (ties → first index).
 *
 * @example
 * bp.data.argmaxRows([0.1, 0.9, 0.7, 0.3], 2, 2);   // => [1, 0]
 */
export function argmaxRows(data: ArrayLike<number>, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestV = data[r * cols] as number;
    for (let c = 1; c < cols; c++) {
      const v = data[r * cols + c] as number;
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/** Count of each class 0..numClasses-1. */
export function bincount(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i] as number]! += 1;
  return counts;
}

/** One more than the largest label (0 for no labels). */
export function numClassesOf(labels: ArrayLike<number>): number {
  let m = -1;
  for (let i = 0; i < labels.length; i++) m = Math.max(m, labels[i] as number);
  return m + 1;
}
