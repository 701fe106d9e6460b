/** Reductions with `axis?: number | number[]` and `keepDims?: boolean`, as in TensorFlow.js. */
import * as P from "../autograd/primitives/index.js";
import { ValueError } from "../errors.js";
import { normalizeAxes, normalizeAxis } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, composite } from "./convert.js";
import { stopGradient } from "./shape-ops.js";

/**
 * One axis or several (negative counts from the end).
 *
 * @example
 * const axis: bp.Axis = [0, 1];
 * bp.sum(bp.ones([2, 3, 4]), axis);   // => [6, 6, 6, 6]
 */
export type Axis = number | readonly number[];

function checkKeepDims(op: string, keepDims: unknown): void {
  if (keepDims !== undefined && typeof keepDims !== "boolean") throw new ValueError(`${op}: keepDims must be a boolean, got ${String(keepDims)}`);
}

function keep(op: string, x: Tensor, y: Tensor, axes: number[], keepDims: boolean | undefined): Tensor {
  return keepDims ? y.reshape(x.shape.map((d, i) => (axes.includes(i) ? 1 : d))) : y;
}

function reduction(op: "sum" | "max" | "min", prim: (inputs: readonly [Tensor], attrs: { axes: number[] }) => Tensor) {
  return (x: Tensor, axis?: Axis, keepDims?: boolean): Tensor => {
    checkTensor(op, x);
    const axes = normalizeAxes(op, axis, x.rank);
    checkKeepDims(op, keepDims);
    if (op !== "sum") {
      for (const a of axes) {
        if (x.shape[a] === 0) throw new ValueError(`${op}: cannot reduce over axis ${a} of size 0 (shape [${x.shape.join(",")}]): the result is undefined`);
      }
    }
    return composite(() => keep(op, x, prim([x], { axes }), axes, keepDims));
  };
}

/**
 * Sum over axes (all by default); int32 sums wrap around on overflow, like int32 arithmetic.
 *
 * @example
 * const x = bp.tensor([[1, 2], [3, 4]]);
 * bp.sum(x).item();   // => 10
 * bp.sum(x, 1);   // => [3, 7]
 * bp.sum(x, 0, true);   // => [[4, 6]]
 */
export const sum = reduction("sum", P.sum);
/**
 * Largest element over axes; ties share the gradient evenly.
 *
 * @example
 * bp.max(bp.tensor([[1, 5], [7, 2]]), 1);   // => [5, 7]
 */
export const max = reduction("max", P.max);
/**
 * Smallest element over axes; ties share the gradient evenly.
 *
 * @example
 * bp.min(bp.tensor([[1, 5], [7, 2]]), 0);   // => [1, 2]
 */
export const min = reduction("min", P.min);

/**
 * Arithmetic mean over axes.
 *
 * @example
 * const x = bp.tensor([[1, 2], [3, 4]]);
 * bp.mean(x).item();   // => 2.5
 * bp.mean(x, 0);   // => [2, 3]
 */
export function mean(x: Tensor, axis?: Axis, keepDims?: boolean): Tensor {
  checkTensor("mean", x);
  const axes = normalizeAxes("mean", axis, x.rank);
  checkKeepDims("mean", keepDims);
  const count = axes.reduce((n, a) => n * (x.shape[a] as number), 1);
  return composite(() => sum(x.dtype === "int32" ? x.cast("float32") : x, axes, keepDims).div(count));
}

/**
 * Product-free variance over axes (biased: divides by the count).
 *
 * @example
 * bp.variance(bp.tensor([1, 2, 3, 4])).item();   // => 1.25
 */
export function variance(x: Tensor, axis?: Axis, keepDims?: boolean): Tensor {
  checkTensor("variance", x);
  return composite(() => {
    const m = mean(x, axis, true);
    return mean(x.sub(m).square(), axis, keepDims);
  });
}

function argReduction(op: "argmax" | "argmin", prim: (inputs: readonly [Tensor], attrs: { axis: number }) => Tensor) {
  return (x: Tensor, axis = 0, keepDims = false): Tensor => {
    checkTensor(op, x);
    if (typeof axis !== "number") {
      throw new ValueError(`${op}: takes one axis (a number), got ${JSON.stringify(axis)}`);
    }
    checkKeepDims(op, keepDims);
    if (x.rank === 0) return composite(() => prim([x.reshape([1])], { axis: 0 }));
    const a = normalizeAxis(op, axis, x.rank);
    if (x.shape[a] === 0) throw new ValueError(`${op}: axis ${a} has size 0`);
    const out = prim([x], { axis: a });
    return keepDims ? out.reshape(x.shape.map((d, i) => (i === a ? 1 : d))) : out;
  };
}

/**
 * Index of the largest element along one `axis` (default 0, as in TensorFlow.js); int32; `keepDims` keeps the axis as size 1.
 *
 * @example
 * bp.argmax(bp.tensor([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]]), 1);   // => [1, 0]
 */
export const argmax = argReduction("argmax", P.argmax);
/**
 * Index of the smallest element along one `axis` (default 0); int32; `keepDims` keeps the axis as size 1.
 *
 * @example
 * bp.argmin(bp.tensor([3, 1, 2]));   // => 1
 */
export const argmin = argReduction("argmin", P.argmin);

/**
 * log Σ e^x over axes, computed stably by shifting by the max.
 *
 * @example
 * bp.logSumExp(bp.tensor([1000, 1000])).item();   // => 1000.6931
 */
export function logSumExp(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  checkTensor("logSumExp", x);
  const axes = normalizeAxes("logSumExp", axis, x.rank);
  checkKeepDims("logSumExp", keepDims);
  return composite(() => {
    // the shift does not change the value, so it is held constant for differentiation
    const m = stopGradient(P.max([x], { axes }).reshape(x.shape.map((d, i) => (axes.includes(i) ? 1 : d))));
    const shift = m.isFinite().where(m, 0);
    const out = x.sub(shift).exp().sum(axes, true).log().add(shift);
    return keepDims ? out : out.reshape(out.shape.filter((_, i) => !axes.includes(i)));
  });
}
