/** relu and its gradient, and log-softmax, as single loops (the js backend's kernels for those primitives). */
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, type JsKernel } from "./storage.js";

type NoAttrs = KernelAttrs["relu"];

/** x ≤ 0 ? 0 : x; NaN passes through. */
export const relu: JsKernel<NoAttrs> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const o = out.storage.data;
  for (let i = 0; i < o.length; i++) {
    const v = x[i] as number;
    o[i] = v <= 0 ? 0 : v;
  }
};

/**
 * The error function in float64: for |x| < 2.5 the series 2/√π·e^(−x²)·Σ (2x²)ⁿ·x / (2n+1)!! (all terms
 * positive, so no cancellation), up to 6 the continued fraction of erfc, beyond it ±1. The wasm
 * kernel (assembly/unary.ts erf64) is the same algorithm.
 */
function erf64(x: number): number {
  const a = Math.abs(x);
  let r: number;
  if (!(a < 6)) r = a === a ? 1 : a;
  else if (a < 2.5) {
    const a2 = 2 * a * a;
    let term = a;
    let sum = a;
    for (let n = 1; n < 100 && term > sum * 1e-17; n++) {
      term *= a2 / (2 * n + 1);
      sum += term;
    }
    r = (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
  } else {
    let k = a;
    for (let n = 60; n >= 1; n--) k = a + n / 2 / k;
    r = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * k);
  }
  return x < 0 ? -r : x === 0 ? x : r;
}

/** erf(x), element-wise. */
export const erf: JsKernel<KernelAttrs["erf"]> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const o = out.storage.data;
  for (let i = 0; i < o.length; i++) o[i] = erf64(x[i] as number);
};

/** inputs [x, g]: x ≤ 0 ? 0 : g. */
export const reluGrad: JsKernel<KernelAttrs["reluGrad"]> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const g = arg(inputs, 1).storage.data;
  const o = out.storage.data;
  for (let i = 0; i < o.length; i++) o[i] = (x[i] as number) <= 0 ? 0 : (g[i] as number);
};

/**
 * The shift of a row x[base + j·stride], j < n: its maximum when finite, else 0 (so rows of −∞ or +∞
 * give what the formula gives). Results are written as (x − shift) − log Σ e^(x − shift), never as
 * x − (shift + log Σ): at logits of 1e30 the latter rounds log Σ away (log-softmax of equal logits
 * would be 0 instead of −log n).
 */
function rowShift(x: ArrayLike<number>, base: number, n: number, stride = 1): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) m = Math.max(m, x[base + j * stride] as number);
  return Number.isFinite(m) ? m : 0;
}

/** Σ e^(x − shift) over the row. */
function expSum(x: ArrayLike<number>, base: number, n: number, shift: number, stride = 1): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.exp((x[base + j * stride] as number) - shift);
  return s;
}

/** Per row of the last axis: Σ y·(lse − z). */
export const softmaxCrossEntropy: JsKernel<KernelAttrs["softmaxCrossEntropy"]> = (inputs, out) => {
  const zt = arg(inputs, 0);
  const z = zt.storage.data;
  const y = arg(inputs, 1).storage.data;
  const o = out.storage.data;
  const n = zt.shape[zt.shape.length - 1] as number;
  for (let r = 0; r < o.length; r++) {
    const base = r * n;
    const shift = rowShift(z, base, n);
    const logS = Math.log(expSum(z, base, n, shift));
    let acc = 0;
    for (let j = 0; j < n; j++) acc += (y[base + j] as number) * (shift - (z[base + j] as number) + logS);
    o[r] = acc;
  }
};

/** (softmax(z)·Σy − y)·g per row of the last axis. */
export const softmaxCrossEntropyGrad: JsKernel<KernelAttrs["softmaxCrossEntropyGrad"]> = (inputs, out) => {
  const zt = arg(inputs, 0);
  const z = zt.storage.data;
  const y = arg(inputs, 1).storage.data;
  const g = arg(inputs, 2).storage.data;
  const o = out.storage.data;
  const n = zt.shape[zt.shape.length - 1] as number;
  for (let r = 0; r < g.length; r++) {
    const base = r * n;
    const shift = rowShift(z, base, n);
    const logS = Math.log(expSum(z, base, n, shift));
    let total = 0;
    for (let j = 0; j < n; j++) total += y[base + j] as number;
    const gr = g[r] as number;
    for (let j = 0; j < n; j++) o[base + j] = (Math.exp((z[base + j] as number) - shift - logS) * total - (y[base + j] as number)) * gr;
  }
};

/** Rows of x viewed as [outer, n, inner], reduced along n: (x − m) − log Σ e^(x − m), m the finite row maximum (else 0). */
export const logSoftmax: JsKernel<KernelAttrs["logSoftmax"]> = (inputs, out, { axis }) => {
  const t = arg(inputs, 0);
  const x = t.storage.data;
  const o = out.storage.data;
  const n = t.shape[axis] as number;
  const inner = t.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = t.size / Math.max(1, n * inner);
  for (let b = 0; b < outer; b++) {
    for (let i = 0; i < inner; i++) {
      const base = b * n * inner + i;
      const shift = rowShift(x, base, n, inner);
      const logS = Math.log(expSum(x, base, n, shift, inner));
      for (let j = 0; j < n; j++) o[base + j * inner] = (x[base + j * inner] as number) - shift - logS;
    }
  }
};
