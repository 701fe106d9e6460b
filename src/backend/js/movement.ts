/** Data-movement kernels of the js backend: transpose, slice, pad, concat, gather, scatterAdd. */
import { makeTypedArray, type TypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { stridesOf } from "../strides.js";
import { arg, copyRange, type JsKernel } from "./storage.js";


/** Writes x permuted by `perm` into `out` (or a new array). */
export function transposeData(
  x: TypedArray,
  shape: readonly number[],
  perm: readonly number[],
  out: TypedArray = makeTypedArray(x instanceof Float64Array ? "float64" : x instanceof Int32Array ? "int32" : "float32", x.length),
): TypedArray {
  const rank = shape.length;
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p] as number);
  const srcStride = perm.map((p) => inStrides[p] as number);
  if (rank === 2 && perm[0] === 1) {
    const r = shape[0] as number;
    const c = shape[1] as number;
    const B = 32; // tile for cache
    for (let i0 = 0; i0 < r; i0 += B) {
      for (let j0 = 0; j0 < c; j0 += B) {
        const i1 = Math.min(r, i0 + B);
        const j1 = Math.min(c, j0 + B);
        for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * r + i] = x[i * c + j] as number;
      }
    }
    return out;
  }
  const n = x.length;
  if (n === 0) return out;
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  const last = rank - 1;
  const lastN = rank === 0 ? 1 : (outShape[last] as number);
  const lastS = rank === 0 ? 0 : (srcStride[last] as number);
  for (let dst = 0; dst < n; dst += lastN) {
    let s = src;
    for (let j = 0; j < lastN; j++, s += lastS) out[dst + j] = x[s] as number;
    for (let ax = last - 1; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      if (c < (outShape[ax] as number)) {
        counter[ax] = c;
        src += srcStride[ax] as number;
        break;
      }
      counter[ax] = 0;
      src -= (c - 1) * (srcStride[ax] as number);
    }
  }
  return out;
}

export const transpose: JsKernel<KernelAttrs["transpose"]> = (inputs, out, { perm }) => {
  const x = arg(inputs, 0);
  transposeData(x.storage.data, x.shape, perm, out.storage.data);
};

/** Copies the box [begin, begin + size) of `src` (shape srcShape) into the box at dstBegin of `dst`. */
function copyBox(
  src: TypedArray,
  srcShape: readonly number[],
  srcBegin: readonly number[],
  dst: TypedArray,
  dstShape: readonly number[],
  dstBegin: readonly number[],
  size: readonly number[],
): void {
  const rank = size.length;
  if (size.some((d) => d === 0)) return;
  if (rank === 0) {
    dst[0] = src[0] as number;
    return;
  }
  const ss = stridesOf(srcShape);
  const ds = stridesOf(dstShape);
  const counter = new Array<number>(rank).fill(0);
  const last = rank - 1;
  const rowLen = size[last] as number;
  const total = size.reduce((a, b) => a * b, 1) / rowLen;
  for (let r = 0; r < total; r++) {
    let so = 0;
    let dO = 0;
    for (let ax = 0; ax < rank; ax++) {
      const c = ax === last ? 0 : (counter[ax] as number);
      so += (c + (srcBegin[ax] as number)) * (ss[ax] as number);
      dO += (c + (dstBegin[ax] as number)) * (ds[ax] as number);
    }
    copyRange(src, so, dst, dO, rowLen);
    for (let ax = last - 1; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      if (c < (size[ax] as number)) {
        counter[ax] = c;
        break;
      }
      counter[ax] = 0;
    }
  }
}

export const slice: JsKernel<KernelAttrs["slice"]> = (inputs, out, { begin, size }) => {
  const x = arg(inputs, 0);
  copyBox(x.storage.data, x.shape, begin, out.storage.data, out.shape, begin.map(() => 0), size);
};

export const pad: JsKernel<KernelAttrs["pad"]> = (inputs, out, { paddings, value }) => {
  const x = arg(inputs, 0);
  out.storage.data.fill(value);
  copyBox(x.storage.data, x.shape, x.shape.map(() => 0), out.storage.data, out.shape, paddings.map((p) => p[0]), x.shape);
};

export const concat: JsKernel<KernelAttrs["concat"]> = (inputs, out, { axis }) => {
  const o = out.storage.data;
  const outer = out.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = out.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outRow = (out.shape[axis] as number) * inner;
  let colOffset = 0;
  for (const t of inputs) {
    const rowLen = (t.shape[axis] as number) * inner;
    const d = t.storage.data;
    for (let i = 0; i < outer; i++) copyRange(d, i * rowLen, o, i * outRow + colOffset, rowLen);
    colOffset += rowLen;
  }
};

export const gather: JsKernel<KernelAttrs["gather"]> = (inputs, out, { axis }) => {
  const x = arg(inputs, 0);
  const idx = arg(inputs, 1).storage.data;
  const xd = x.storage.data;
  const o = out.storage.data;
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = x.shape[axis] as number;
  const m = idx.length;
  for (let i = 0; i < outer; i++) {
    for (let j = 0; j < m; j++) {
      copyRange(xd, (i * n + (idx[j] as number)) * inner, o, (i * m + j) * inner, inner);
    }
  }
};

/**
 * out[…, idx[j], …] += upd[…, j, …]. Float rows are summed per destination in float64 (contributions
 * grouped by index, in their order), so a row that receives a million updates keeps float32 precision.
 */
export const scatterAdd: JsKernel<KernelAttrs["scatterAdd"]> = (inputs, out, { axis, shape }) => {
  const upd = arg(inputs, 0).storage.data;
  const idx = arg(inputs, 1).storage.data;
  const o = out.storage.data;
  o.fill(0);
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[axis] as number;
  const m = idx.length;
  if (o instanceof Int32Array) {
    // int32 sums wrap, exact in any order
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < m; j++) {
        const dst = (i * n + (idx[j] as number)) * inner;
        const src = (i * m + j) * inner;
        for (let k = 0; k < inner; k++) o[dst + k] = (o[dst + k] as number) + (upd[src + k] as number);
      }
    }
    return;
  }
  const { start, order } = groupByIndex(idx, n);
  const acc = new Float64Array(inner);
  for (let i = 0; i < outer; i++) {
    for (let d = 0; d < n; d++) {
      if (start[d] === start[d + 1]) continue;
      acc.fill(0);
      for (let t = start[d] as number; t < (start[d + 1] as number); t++) {
        const src = (i * m + (order[t] as number)) * inner;
        for (let k = 0; k < inner; k++) acc[k] = (acc[k] as number) + (upd[src + k] as number);
      }
      o.set(acc, (i * n + d) * inner);
    }
  }
};

/** Positions 0..m-1 of idx grouped by value (a stable counting sort): value d's are order[start[d] .. start[d+1]). */
function groupByIndex(idx: TypedArray, n: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let j = 0; j < idx.length; j++) start[(idx[j] as number) + 1]!++;
  for (let d = 0; d < n; d++) start[d + 1]! += start[d] as number;
  const next = start.slice(0, n);
  const order = new Int32Array(idx.length);
  for (let j = 0; j < idx.length; j++) order[next[idx[j] as number]!++] = j;
  return { start, order };
}
