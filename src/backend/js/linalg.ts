/** Batched matmul and the image kernels (conv2d by im2col + GEMM, pooling) of the js backend. */
import { makeTypedArray, type TypedArray } from "../dtype.js";
import type { KernelAttrs, Pads2d } from "../kernel-attrs.js";
import { broadcastStrides } from "./elementwise.js";
import { gemm } from "./gemm.js";
import { arg, type JsKernel } from "./storage.js";

export const matmul: JsKernel<KernelAttrs["matmul"]> = (inputs, out, { transposeA, transposeB }) => {
  const a = arg(inputs, 0);
  const b = arg(inputs, 1);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = out.shape[out.shape.length - 2] as number;
  const n = out.shape[out.shape.length - 1] as number;
  const k = transposeA ? (a.shape[ra - 2] as number) : (a.shape[ra - 1] as number);
  const batchShape = out.shape.slice(0, -2);
  const batch = batchShape.reduce((x, y) => x * y, 1);
  const sa = broadcastStrides(a.shape.slice(0, -2), batchShape);
  const sb = broadcastStrides(b.shape.slice(0, -2), batchShape);
  const matA = (a.shape[ra - 2] as number) * (a.shape[ra - 1] as number);
  const matB = (b.shape[rb - 2] as number) * (b.shape[rb - 1] as number);
  const counter = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batch; t++) {
    let offA = 0;
    let offB = 0;
    for (let ax = 0; ax < batchShape.length; ax++) {
      offA += (counter[ax] as number) * (sa[ax] as number);
      offB += (counter[ax] as number) * (sb[ax] as number);
    }
    gemm({
      m, n, k,
      a: a.storage.data, aOffset: offA * matA, transposeA,
      b: b.storage.data, bOffset: offB * matB, transposeB,
      c: out.storage.data, cOffset: t * m * n, accumulate: false,
    });
    for (let ax = batchShape.length - 1; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      if (c < (batchShape[ax] as number)) {
        counter[ax] = c;
        break;
      }
      counter[ax] = 0;
    }
  }
};

interface ConvGeom {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  pads: Pads2d;
}

function geometry(inShape: readonly number[], filterShape: readonly number[], outShape: readonly number[], strides: [number, number], pads: Pads2d): ConvGeom {
  const [n, h, w, c] = inShape as [number, number, number, number];
  const [kh, kw] = filterShape as [number, number];
  const [, oh, ow] = outShape as [number, number, number];
  return { n, h, w, c, kh, kw, oh, ow, sh: strides[0], sw: strides[1], pads };
}

/** Patches of x as rows: cols[(b*oh + y)*ow + x, (i*kw + j)*c + ch] (zero outside the image). */
function im2col(x: TypedArray, g: ConvGeom): TypedArray {
  const patch = g.kh * g.kw * g.c;
  const cols = makeTypedArray(x instanceof Float64Array ? "float64" : "float32", g.n * g.oh * g.ow * patch);
  for (let b = 0; b < g.n; b++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        const row = ((b * g.oh + oy) * g.ow + ox) * patch;
        for (let i = 0; i < g.kh; i++) {
          const iy = oy * g.sh + i - g.pads.top;
          if (iy < 0 || iy >= g.h) continue;
          for (let j = 0; j < g.kw; j++) {
            const ix = ox * g.sw + j - g.pads.left;
            if (ix < 0 || ix >= g.w) continue;
            const src = ((b * g.h + iy) * g.w + ix) * g.c;
            const dst = row + (i * g.kw + j) * g.c;
            for (let ch = 0; ch < g.c; ch++) cols[dst + ch] = x[src + ch]!;
          }
        }
      }
    }
  }
  return cols;
}

/** The transpose of im2col: adds each patch row back into the image. */
function col2im(cols: TypedArray, dx: TypedArray, g: ConvGeom): void {
  dx.fill(0);
  const patch = g.kh * g.kw * g.c;
  for (let b = 0; b < g.n; b++) {
    for (let oy = 0; oy < g.oh; oy++) {
      for (let ox = 0; ox < g.ow; ox++) {
        const row = ((b * g.oh + oy) * g.ow + ox) * patch;
        for (let i = 0; i < g.kh; i++) {
          const iy = oy * g.sh + i - g.pads.top;
          if (iy < 0 || iy >= g.h) continue;
          for (let j = 0; j < g.kw; j++) {
            const ix = ox * g.sw + j - g.pads.left;
            if (ix < 0 || ix >= g.w) continue;
            const dst = ((b * g.h + iy) * g.w + ix) * g.c;
            const src = row + (i * g.kw + j) * g.c;
            for (let ch = 0; ch < g.c; ch++) dx[dst + ch] = (dx[dst + ch] as number) + (cols[src + ch] as number);
          }
        }
      }
    }
  }
}

export const conv2d: JsKernel<KernelAttrs["conv2d"]> = (inputs, out, { strides, pads }) => {
  const x = arg(inputs, 0);
  const f = arg(inputs, 1);
  const g = geometry(x.shape, f.shape, out.shape, strides, pads);
  const cols = im2col(x.storage.data, g);
  const cout = f.shape[3] as number;
  gemm({
    m: g.n * g.oh * g.ow, n: cout, k: g.kh * g.kw * g.c,
    a: cols, aOffset: 0, transposeA: false,
    b: f.storage.data, bOffset: 0, transposeB: false,
    c: out.storage.data, cOffset: 0, accumulate: false,
  });
};

export const conv2dBackpropInput: JsKernel<KernelAttrs["conv2dBackpropInput"]> = (inputs, out, attrs) => {
  const dy = arg(inputs, 0);
  const f = arg(inputs, 1);
  const g = geometry(attrs.inputShape, f.shape, dy.shape, attrs.strides, attrs.pads);
  const patch = g.kh * g.kw * g.c;
  const rows = g.n * g.oh * g.ow;
  const cols = makeTypedArray(out.dtype, rows * patch);
  gemm({
    m: rows, n: patch, k: f.shape[3] as number,
    a: dy.storage.data, aOffset: 0, transposeA: false,
    b: f.storage.data, bOffset: 0, transposeB: true,
    c: cols, cOffset: 0, accumulate: false,
  });
  col2im(cols, out.storage.data, g);
};

export const conv2dBackpropFilter: JsKernel<KernelAttrs["conv2dBackpropFilter"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const dy = arg(inputs, 1);
  const g = geometry(x.shape, attrs.filterShape, dy.shape, attrs.strides, attrs.pads);
  const cols = im2col(x.storage.data, g);
  gemm({
    m: g.kh * g.kw * g.c, n: attrs.filterShape[3] as number, k: g.n * g.oh * g.ow,
    a: cols, aOffset: 0, transposeA: true,
    b: dy.storage.data, bOffset: 0, transposeB: false,
    c: out.storage.data, cOffset: 0, accumulate: false,
  });
};

/** Visits every pooling window: cb(outIndex, inputIndices of the valid cells). */
function forEachWindow(
  inShape: readonly number[],
  outShape: readonly number[],
  a: KernelAttrs["maxPool2d"],
  cb: (outIdx: number, first: number, cells: Int32Array, count: number) => void,
): void {
  const [n, h, w, c] = inShape as [number, number, number, number];
  const [, oh, ow] = outShape as [number, number, number];
  const [ph, pw] = a.poolSize;
  const [sh, sw] = a.strides;
  const cells = new Int32Array(ph * pw);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let count = 0;
        for (let i = 0; i < ph; i++) {
          const iy = oy * sh + i - a.pads.top;
          if (iy < 0 || iy >= h) continue;
          for (let j = 0; j < pw; j++) {
            const ix = ox * sw + j - a.pads.left;
            if (ix < 0 || ix >= w) continue;
            cells[count++] = ((b * h + iy) * w + ix) * c;
          }
        }
        const outBase = ((b * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch++) cb(outBase + ch, ch, cells, count);
      }
    }
  }
}

function argmaxCell(x: TypedArray, ch: number, cells: Int32Array, count: number): number {
  let best = -Infinity;
  let bestIdx = count > 0 ? (cells[0] as number) + ch : -1;
  for (let t = 0; t < count; t++) {
    const idx = (cells[t] as number) + ch;
    const v = x[idx] as number;
    if (v > best || v !== v) {
      best = v;
      bestIdx = idx;
      if (v !== v) break;
    }
  }
  return bestIdx;
}

export const maxPool2d: JsKernel<KernelAttrs["maxPool2d"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const xd = x.storage.data;
  const o = out.storage.data;
  forEachWindow(x.shape, out.shape, attrs, (oi, ch, cells, count) => {
    const idx = argmaxCell(xd, ch, cells, count);
    o[oi] = idx < 0 ? -Infinity : (xd[idx] as number);
  });
};

export const maxPool2dGrad: JsKernel<KernelAttrs["maxPool2dGrad"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const dy = arg(inputs, 1);
  const xd = x.storage.data;
  const dyd = dy.storage.data;
  const o = out.storage.data;
  o.fill(0);
  forEachWindow(x.shape, dy.shape, attrs, (oi, ch, cells, count) => {
    const idx = argmaxCell(xd, ch, cells, count);
    if (idx >= 0) o[idx] = (o[idx] as number) + (dyd[oi] as number);
  });
};

export const maxPool2dSelect: JsKernel<KernelAttrs["maxPool2dSelect"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const gd = arg(inputs, 1).storage.data;
  const xd = x.storage.data;
  const o = out.storage.data;
  forEachWindow(x.shape, out.shape, attrs, (oi, ch, cells, count) => {
    const idx = argmaxCell(xd, ch, cells, count);
    o[oi] = idx < 0 ? 0 : (gd[idx] as number);
  });
};

export const avgPool2d: JsKernel<KernelAttrs["avgPool2d"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const xd = x.storage.data;
  const o = out.storage.data;
  forEachWindow(x.shape, out.shape, attrs, (oi, ch, cells, count) => {
    let s = 0;
    for (let t = 0; t < count; t++) s += xd[(cells[t] as number) + ch] as number;
    o[oi] = count > 0 ? s / count : 0;
  });
};

export const avgPool2dGrad: JsKernel<KernelAttrs["avgPool2dGrad"]> = (inputs, out, attrs) => {
  const dy = arg(inputs, 0);
  const dyd = dy.storage.data;
  const o = out.storage.data;
  o.fill(0);
  forEachWindow(attrs.inputShape, dy.shape, attrs, (oi, ch, cells, count) => {
    if (count === 0) return;
    const v = (dyd[oi] as number) / count;
    for (let t = 0; t < count; t++) {
      const idx = (cells[t] as number) + ch;
      o[idx] = (o[idx] as number) + v;
    }
  });
};
