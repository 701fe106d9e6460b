/** Reductions of the js backend: sum / max / min over any axes, arg-max / arg-min along one axis. */
import type { TypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { transposeData } from "./movement.js";
import { arg, type JsKernel } from "./storage.js";

/** Moves the reduced axes last (a copy only when they are not already last) and returns [data, outer, inner]. */
function reducedLast(data: TypedArray, shape: readonly number[], axes: readonly number[]): [TypedArray, number, number] {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const inner = axes.reduce((acc, a) => acc * (shape[a] as number), 1);
  const outer = kept.reduce((acc, a) => acc * (shape[a] as number), 1);
  const isIdentity = perm.every((p, i) => p === i);
  return [isIdentity ? data : transposeData(data, shape, perm), outer, inner];
}

function reduction(init: number, step: (acc: number, v: number) => number): JsKernel<{ axes: number[] }> {
  return (inputs, out, { axes }) => {
    const x = arg(inputs, 0);
    const [data, outer, inner] = reducedLast(x.storage.data, x.shape, axes);
    const o = out.storage.data;
    for (let i = 0; i < outer; i++) {
      let acc = init;
      const base = i * inner;
      for (let j = 0; j < inner; j++) acc = step(acc, data[base + j] as number);
      o[i] = acc;
    }
  };
}

export const sum: JsKernel<KernelAttrs["sum"]> = reduction(0, (a, v) => a + v);
// NaN propagates through max and min, as in NumPy and PyTorch.
export const max: JsKernel<KernelAttrs["max"]> = reduction(-Infinity, (a, v) => (v > a || v !== v ? v : a));
export const min: JsKernel<KernelAttrs["min"]> = reduction(Infinity, (a, v) => (v < a || v !== v ? v : a));

function argReduction(better: (v: number, best: number) => boolean): JsKernel<{ axis: number }> {
  return (inputs, out, { axis }) => {
    const x = arg(inputs, 0);
    const data = x.storage.data;
    const n = x.shape[axis] as number;
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const o = out.storage.data;
    for (let i = 0; i < outer; i++) {
      for (let k = 0; k < inner; k++) {
        const base = i * n * inner + k;
        let best = data[base] as number;
        let bestIdx = 0;
        for (let j = 1; j < n; j++) {
          const v = data[base + j * inner] as number;
          if (better(v, best) && best === best) {
            best = v;
            bestIdx = j;
          }
        }
        o[i * inner + k] = bestIdx;
      }
    }
  };
}

// first occurrence wins on ties; a NaN is the extreme value (as in NumPy)
export const argmax: JsKernel<KernelAttrs["argmax"]> = argReduction((v, b) => v > b || v !== v);
export const argmin: JsKernel<KernelAttrs["argmin"]> = argReduction((v, b) => v < b || v !== v);
