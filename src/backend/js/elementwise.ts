/** Element-wise kernels of the js backend: unary maps and broadcasting binary / ternary maps. */
import { makeTypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, type JsKernel, type JsTensor } from "./storage.js";

type NoAttrs = KernelAttrs["add"];

export function unary(f: (x: number) => number): JsKernel<NoAttrs> {
  return (inputs, out) => {
    const x = arg(inputs, 0).storage.data;
    const o = out.storage.data;
    for (let i = 0; i < o.length; i++) o[i] = f(x[i] as number);
  };
}

/** Strides of `shape` as seen from an output of rank `rank` under broadcasting (0 on broadcast axes). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] ?? 1;
    strides[rank - shape.length + i] = d === 1 ? 0 : acc;
    acc *= d;
  }
  return strides;
}

/**
 * Calls visit(outIndex, offsets...) for every output element, walking the output in row-major order
 * while keeping each input's offset under broadcasting; the innermost axis runs as a tight loop.
 */
export function forEachBroadcast(
  outShape: readonly number[],
  inputs: readonly JsTensor[],
  inner: (outStart: number, count: number, offsets: number[], innerStrides: number[]) => void,
): void {
  const rank = outShape.length;
  const size = outShape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const strides = inputs.map((t) => broadcastStrides(t.shape, outShape));
  const last = rank === 0 ? 1 : (outShape[rank - 1] as number);
  const innerStrides = strides.map((s) => (rank === 0 ? 0 : (s[rank - 1] as number)));
  const counter = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  const offsets = new Array<number>(inputs.length).fill(0);
  for (let start = 0; start < size; start += last) {
    inner(start, last, offsets, innerStrides);
    // advance the outer counter
    for (let ax = rank - 2; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      if (c < (outShape[ax] as number)) {
        counter[ax] = c;
        for (let t = 0; t < inputs.length; t++) offsets[t] = (offsets[t] as number) + ((strides[t] as number[])[ax] as number);
        break;
      }
      counter[ax] = 0;
      for (let t = 0; t < inputs.length; t++) {
        offsets[t] = (offsets[t] as number) - (c - 1) * ((strides[t] as number[])[ax] as number);
      }
    }
  }
}

export function binary(f: (a: number, b: number) => number): JsKernel<NoAttrs> {
  return (inputs, out) => {
    const ta = arg(inputs, 0);
    const tb = arg(inputs, 1);
    const a = ta.storage.data;
    const b = tb.storage.data;
    const o = out.storage.data;
    const n = o.length;
    if (ta.size === n && tb.size === n) {
      for (let i = 0; i < n; i++) o[i] = f(a[i] as number, b[i] as number);
    } else if (tb.size === 1 && ta.size === n) {
      const bv = b[0] as number;
      for (let i = 0; i < n; i++) o[i] = f(a[i] as number, bv);
    } else if (ta.size === 1 && tb.size === n) {
      const av = a[0] as number;
      for (let i = 0; i < n; i++) o[i] = f(av, b[i] as number);
    } else {
      forEachBroadcast(out.shape, [ta, tb], (start, count, offs, st) => {
        let ia = offs[0] as number;
        let ib = offs[1] as number;
        const sa = st[0] as number;
        const sb = st[1] as number;
        for (let i = 0; i < count; i++, ia += sa, ib += sb) o[start + i] = f(a[ia] as number, b[ib] as number);
      });
    }
  };
}

export const where: JsKernel<NoAttrs> = (inputs, out) => {
  const [tc, ta, tb] = [arg(inputs, 0), arg(inputs, 1), arg(inputs, 2)];
  const c = tc.storage.data;
  const a = ta.storage.data;
  const b = tb.storage.data;
  const o = out.storage.data;
  forEachBroadcast(out.shape, [tc, ta, tb], (start, count, offs, st) => {
    let ic = offs[0] as number;
    let ia = offs[1] as number;
    let ib = offs[2] as number;
    for (let i = 0; i < count; i++) {
      o[start + i] = (c[ic] as number) !== 0 ? (a[ia] as number) : (b[ib] as number);
      ic += st[0] as number;
      ia += st[1] as number;
      ib += st[2] as number;
    }
  });
};

export const cast: JsKernel<KernelAttrs["cast"]> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const o = out.storage.data;
  if (out.dtype === "int32" && x instanceof Int32Array === false) {
    for (let i = 0; i < o.length; i++) o[i] = Math.trunc(x[i] as number);
  } else o.set(x);
};

export const broadcastTo: JsKernel<KernelAttrs["broadcastTo"]> = (inputs, out) => {
  const tx = arg(inputs, 0);
  const x = tx.storage.data;
  const o = out.storage.data;
  forEachBroadcast(out.shape, [tx], (start, count, offs, st) => {
    let ix = offs[0] as number;
    const sx = st[0] as number;
    for (let i = 0; i < count; i++, ix += sx) o[start + i] = x[ix] as number;
  });
};

/** sigmoid computed without overflow for large |x|. */
export function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export { makeTypedArray };
