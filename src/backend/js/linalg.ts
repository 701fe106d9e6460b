/** Batched matmul and the convolution kernels (im2col + GEMM) of the js backend. */
import { makeTypedArray, type TypedArray } from "../dtype.js";
import type { KernelAttrs, Pads2d } from "../kernel-attrs.js";
import { broadcastStrides } from "./elementwise.js";
import { gemm } from "./gemm.js";
import { arg, type JsKernel } from "./storage.js";

/**
 * The fused epilogue (Epilogue in kernel-attrs.ts) on a finished product: out += bias along the last
 * axis, then relu — stored after each step, so the result equals the unfused ops bit for bit.
 */
export function applyEpilogue(inputs: Parameters<JsKernel<KernelAttrs["matmul"]>>[0], out: TypedArray, activation: "relu" | undefined): void {
  const bias = inputs[2]?.storage.data;
  if (bias) {
    const n = bias.length;
    for (let i = 0; i < out.length; i += n) {
      for (let j = 0; j < n; j++) out[i + j] = (out[i + j] as number) + (bias[j] as number);
    }
  }
  if (activation === "relu") {
    for (let i = 0; i < out.length; i++) {
      const v = out[i] as number;
      out[i] = v <= 0 ? 0 : v;
    }
  }
}

export const matmul: JsKernel<KernelAttrs["matmul"]> = (inputs, out, { transposeA, transposeB, activation }) => {
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
  applyEpilogue(inputs, out.storage.data, activation);
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

/**
 * Visits every cell of every receptive field that falls inside the image: visit(imageOffset,
 * colsOffset) with the offsets of its c channels in the NHWC image and in the patch-row matrix
 * cols[(b*oh + y)*ow + x, (i*kw + j)*c + ch]. im2col and col2im are the two directions of this walk.
 */
function forEachPatchCell(g: ConvGeom, visit: (imageOffset: number, colsOffset: number) => void): void {
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
            visit(((b * g.h + iy) * g.w + ix) * g.c, row + (i * g.kw + j) * g.c);
          }
        }
      }
    }
  }
}

/** Patches of x as rows (zero outside the image). */
function im2col(x: TypedArray, g: ConvGeom): TypedArray {
  const cols = makeTypedArray(x instanceof Float64Array ? "float64" : "float32", g.n * g.oh * g.ow * g.kh * g.kw * g.c);
  forEachPatchCell(g, (src, dst) => {
    for (let ch = 0; ch < g.c; ch++) cols[dst + ch] = x[src + ch]!;
  });
  return cols;
}

/** The transpose of im2col: adds each patch row back into the image. */
function col2im(cols: TypedArray, dx: TypedArray, g: ConvGeom): void {
  dx.fill(0);
  forEachPatchCell(g, (dst, src) => {
    for (let ch = 0; ch < g.c; ch++) dx[dst + ch] = (dx[dst + ch] as number) + (cols[src + ch] as number);
  });
}

export const conv2d: JsKernel<KernelAttrs["conv2d"]> = (inputs, out, { strides, pads, activation }) => {
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
  applyEpilogue(inputs, out.storage.data, activation);
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
