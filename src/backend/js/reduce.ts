/**
 * Reductions of the js backend: sum / max / min over any axes, arg-max / arg-min along one axis.
 *
 * The input is viewed as [outer, reduced, inner]. When the reduced axes are adjacent that view is
 * free: the reduction runs over rows (inner = 1) or accumulates whole inner rows with unit stride.
 * Other axis sets are first transposed so the reduced axes come last. Sums accumulate in float64.
 */
import type { TypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { transposeData } from "./movement.js";
import { arg, type JsKernel } from "./storage.js";

interface View {
  data: TypedArray;
  outer: number;
  reduced: number;
  inner: number;
}

function product(shape: readonly number[], from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i] as number;
  return n;
}

/** The [outer, reduced, inner] view of x for sorted, distinct `axes` (a transposed copy when they are not adjacent). */
function view(data: TypedArray, shape: readonly number[], axes: readonly number[]): View {
  const first = axes[0] ?? 0;
  const adjacent = axes.every((a, i) => a === first + i);
  if (adjacent) {
    const last = first + axes.length;
    return { data, outer: product(shape, 0, first), reduced: product(shape, first, last), inner: product(shape, last, shape.length) };
  }
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const reduced = axes.reduce((acc, a) => acc * (shape[a] as number), 1);
  const outer = kept.reduce((acc, a) => acc * (shape[a] as number), 1);
  return { data: transposeData(data, shape, [...kept, ...axes]), outer, reduced, inner: 1 };
}

type Reducer = (v: View, o: TypedArray) => void;

/** Sums rows (inner = 1) or whole inner rows at a time, in float64. */
const sumReducer: Reducer = ({ data, outer, reduced, inner }, o) => {
  if (inner === 1) {
    for (let i = 0, base = 0; i < outer; i++, base += reduced) {
      let s = 0;
      for (let j = base, end = base + reduced; j < end; j++) s += data[j]!;
      o[i] = s;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    acc.fill(0);
    for (let r = 0, base = i * reduced * inner; r < reduced; r++, base += inner) {
      for (let k = 0; k < inner; k++) acc[k] = acc[k]! + data[base + k]!;
    }
    o.set(acc, i * inner);
  }
};

/** max (sign = 1) or min (sign = -1); NaN propagates, as in NumPy and PyTorch. */
function extremumReducer(sign: 1 | -1): Reducer {
  return ({ data, outer, reduced, inner }, o) => {
    for (let i = 0; i < outer; i++) {
      for (let k = 0; k < inner; k++) {
        let best = -sign * Infinity;
        for (let r = 0, j = i * reduced * inner + k; r < reduced; r++, j += inner) {
          const v = data[j]!;
          if (sign * v > sign * best || v !== v) {
            best = v;
            if (v !== v) break;
          }
        }
        o[i * inner + k] = best;
      }
    }
  };
}

function reduction(reducer: Reducer): JsKernel<{ axes: number[] }> {
  return (inputs, out, { axes }) => {
    const x = arg(inputs, 0);
    reducer(view(x.storage.data, x.shape, axes), out.storage.data);
  };
}

export const sum: JsKernel<KernelAttrs["sum"]> = reduction(sumReducer);
export const max: JsKernel<KernelAttrs["max"]> = reduction(extremumReducer(1));
export const min: JsKernel<KernelAttrs["min"]> = reduction(extremumReducer(-1));

/** argmax (sign = 1) or argmin (sign = -1): first occurrence wins on ties; a NaN is the extreme (NumPy). */
function argReduction(sign: 1 | -1): JsKernel<{ axis: number }> {
  return (inputs, out, { axis }) => {
    const x = arg(inputs, 0);
    const { data, outer, reduced, inner } = view(x.storage.data, x.shape, [axis]);
    const o = out.storage.data;
    for (let i = 0; i < outer; i++) {
      for (let k = 0; k < inner; k++) {
        const base = i * reduced * inner + k;
        let best = data[base]!;
        let bestIdx = 0;
        for (let r = 1, j = base + inner; r < reduced && best === best; r++, j += inner) {
          const v = data[j]!;
          if (sign * v > sign * best || v !== v) {
            best = v;
            bestIdx = r;
          }
        }
        o[i * inner + k] = bestIdx;
      }
    }
  };
}

export const argmax: JsKernel<KernelAttrs["argmax"]> = argReduction(1);
export const argmin: JsKernel<KernelAttrs["argmin"]> = argReduction(-1);
