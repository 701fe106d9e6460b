/**
 * Convolution and pooling on the wasm backend (NHWC input, HWIO filter). Convolution is im2col +
 * packed GEMM: y = cols·W, dx = col2im(dy·Wᵀ), dW = colsᵀ·dy — the transposes are strides, never
 * copies. Pooling kernels run per window with channels as SIMD lanes. int32 tensors go to the js
 * kernels over the same memory.
 */
import type { Conv2dAttrs, KernelAttrs, Pool2dAttrs } from "../../kernel-attrs.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, as, type WasmKernel } from "./common.js";
import { gemm } from "./matmul.js";

interface Geometry {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
}

function geometry(inShape: readonly number[], k: readonly number[], outShape: readonly number[]): Geometry {
  const [n, h, w, c] = inShape as [number, number, number, number];
  const [, oh, ow] = outShape as [number, number, number];
  return { n, h, w, c, kh: k[0] as number, kw: k[1] as number, oh, ow };
}

/** Geometry words as assembly/conv.ts and assembly/pool.ts read them. */
function geoWords(rt: WasmRuntime, g: Geometry, a: Conv2dAttrs): number {
  return rt.ints([g.n, g.h, g.w, g.c, g.kh, g.kw, g.oh, g.ow, a.strides[0], a.strides[1], a.pads.top, a.pads.left]);
}

/** The im2col matrix of x (rows n·oh·ow, cols kh·kw·c) in a temporary. */
function im2col(rt: WasmRuntime, x: number, g: Geometry, gw: number): number {
  const rows = g.n * g.oh * g.ow;
  const patch = g.kh * g.kw * g.c;
  const cols = rt.temp(rows * patch * 4, "im2col buffer");
  rt.run("im2col", rows * patch * 0.5, x, cols, gw);
  return cols;
}

export function conv2d(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["conv2d"]>): WasmKernel<KernelAttrs["conv2d"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const x = arg(inputs, 0);
    const f = arg(inputs, 1);
    const g = geometry(x.shape, f.shape, out.shape);
    const cout = f.shape[3] as number;
    const patch = g.kh * g.kw * g.c;
    const px = as(rt, x, "float32");
    const pf = as(rt, f, "float32");
    const pointwise = g.kh === 1 && g.kw === 1 && attrs.strides[0] === 1 && attrs.strides[1] === 1 &&
      attrs.pads.top === 0 && attrs.pads.left === 0 && attrs.pads.bottom === 0 && attrs.pads.right === 0;
    const cols = pointwise ? px : im2col(rt, px, g, geoWords(rt, g, attrs));
    gemm(rt, { m: g.n * g.oh * g.ow, n: cout, k: patch, a: cols, rsA: patch, csA: 1, b: pf, rsB: cout, csB: 1, c: out.storage.ptr });
  };
}

export function conv2dBackpropInput(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["conv2dBackpropInput"]>): WasmKernel<KernelAttrs["conv2dBackpropInput"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const dy = arg(inputs, 0);
    const f = arg(inputs, 1);
    const g = geometry(attrs.inputShape, f.shape, dy.shape);
    const cout = f.shape[3] as number;
    const patch = g.kh * g.kw * g.c;
    const rows = g.n * g.oh * g.ow;
    const pdy = as(rt, dy, "float32");
    const pf = as(rt, f, "float32");
    const cols = rt.temp(rows * patch * 4, "col2im buffer");
    gemm(rt, { m: rows, n: patch, k: cout, a: pdy, rsA: cout, csA: 1, b: pf, rsB: 1, csB: cout, c: cols });
    rt.run("col2im", rows * patch * 0.7, cols, out.storage.ptr, geoWords(rt, g, attrs));
  };
}

export function conv2dBackpropFilter(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["conv2dBackpropFilter"]>): WasmKernel<KernelAttrs["conv2dBackpropFilter"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const x = arg(inputs, 0);
    const dy = arg(inputs, 1);
    const g = geometry(x.shape, attrs.filterShape, dy.shape);
    const cout = attrs.filterShape[3] as number;
    const patch = g.kh * g.kw * g.c;
    const rows = g.n * g.oh * g.ow;
    const px = as(rt, x, "float32");
    const pdy = as(rt, dy, "float32");
    const cols = im2col(rt, px, g, geoWords(rt, g, attrs));
    gemm(rt, { m: patch, n: cout, k: rows, a: cols, rsA: 1, csA: patch, b: pdy, rsB: cout, csB: 1, c: out.storage.ptr });
  };
}

function poolWords(rt: WasmRuntime, inShape: readonly number[], outShape: readonly number[], a: Pool2dAttrs): number {
  const [n, h, w, c] = inShape as [number, number, number, number];
  const [, oh, ow] = outShape as [number, number, number];
  return rt.ints([n, h, w, c, oh, ow, a.poolSize[0], a.poolSize[1], a.strides[0], a.strides[1], a.pads.top, a.pads.left]);
}

type PoolName = "maxPool2d" | "maxPool2dGrad" | "maxPool2dSelect" | "avgPool2d" | "avgPool2dGrad";

export function pool<P extends PoolName>(rt: WasmRuntime, name: P, viaJs: WasmKernel<KernelAttrs[P]>): WasmKernel<KernelAttrs[P]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32" || inputs.some((t) => t.dtype === "int32")) return viaJs(inputs, out, attrs);
    const first = arg(inputs, 0);
    const windows = out.size * attrs.poolSize[0] * attrs.poolSize[1];
    if (name === "avgPool2dGrad") {
      const inShape = (attrs as KernelAttrs["avgPool2dGrad"]).inputShape;
      rt.run(name, windows * 0.5, first.storage.ptr, out.storage.ptr, poolWords(rt, inShape, first.shape, attrs));
    } else if (name === "maxPool2d" || name === "avgPool2d") {
      rt.run(name, windows * 0.5, first.storage.ptr, out.storage.ptr, poolWords(rt, first.shape, out.shape, attrs));
    } else {
      const second = arg(inputs, 1);
      const pooled = name === "maxPool2dGrad" ? second.shape : out.shape;
      rt.run(name, first.size * attrs.poolSize[0] * attrs.poolSize[1] * 0.5, first.storage.ptr, second.storage.ptr, out.storage.ptr, poolWords(rt, first.shape, pooled, attrs));
    }
  };
}
