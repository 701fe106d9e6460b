/**
 * Convolution and pooling on the wasm backend (NHWC input, HWIO filter). All three convolution
 * kernels are implicit GEMMs over the image (assembly/conv.ts, conv-grad.ts): the forward pass and the filter
 * gradient read receptive fields straight from the input, and the input gradient adds its dy·Wᵀ tiles
 * straight into receptive fields of dx — the im2col matrix is never built. Padding is a zero-padded
 * copy of the input (or of dx). Pooling kernels run per window with channels as SIMD lanes. int32
 * tensors go to the js kernels over the same memory.
 */
import type { Conv2dAttrs, KernelAttrs, Pool2dAttrs } from "../../kernel-attrs.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, as, streamWork, type WasmKernel } from "./common.js";
import { stridedCopy } from "./movement.js";

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

const hasPads = (p: Conv2dAttrs["pads"]): boolean => p.top !== 0 || p.bottom !== 0 || p.left !== 0 || p.right !== 0;

/**
 * The input as the direct kernels read it — zero-padded into a temporary when the convolution pads —
 * and the geometry words of assembly/conv.ts (n h w c kh kw oh ow sh sw cout, h and w padded).
 */
function directInput(rt: WasmRuntime, x: number, g: Geometry, a: Conv2dAttrs, cout: number): [number, number] {
  const { top, bottom, left, right } = a.pads;
  const hp = g.h + top + bottom;
  const wp = g.w + left + right;
  let px = x;
  if (hasPads(a.pads)) {
    px = rt.temp(g.n * hp * wp * g.c * 4, "padded convolution input");
    rt.run("padImage", streamWork(g.n * hp * wp * g.c * 8), x, px, g.n, g.h, g.w, g.c, top, bottom, left, right);
  }
  return [px, rt.ints([g.n, hp, wp, g.c, g.kh, g.kw, g.oh, g.ow, a.strides[0], a.strides[1], cout])];
}

export function conv2d(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["conv2d"]>): WasmKernel<KernelAttrs["conv2d"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const x = arg(inputs, 0);
    const f = arg(inputs, 1);
    const g = geometry(x.shape, f.shape, out.shape);
    const cout = f.shape[3] as number;
    const k = g.kh * g.kw * g.c;
    const panels = Math.ceil(cout / 8);
    const wp = rt.temp(panels * k * 8 * 4, "packed filter");
    rt.call("packFilter", as(rt, f, "float32"), wp, k, cout);
    const [px, gw] = directInput(rt, as(rt, x, "float32"), g, attrs, cout);
    // the fused epilogue: bias and relu applied to each output row as it is finished
    const bias = inputs[2] ? as(rt, inputs[2], "float32") : 0;
    const relu = attrs.activation === "relu" ? 1 : 0;
    rt.runSplit("convForward", (2 * out.size * k) / 25, 4 * rt.fineShares, px, wp, out.storage.ptr, gw, bias, relu);
  };
}

export function conv2dBackpropInput(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["conv2dBackpropInput"]>): WasmKernel<KernelAttrs["conv2dBackpropInput"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const dy = arg(inputs, 0);
    const f = arg(inputs, 1);
    const g = geometry(attrs.inputShape, f.shape, dy.shape);
    const cout = f.shape[3] as number;
    const k = g.kh * g.kw * g.c;
    const wt = rt.temp(Math.ceil(k / 8) * cout * 8 * 4, "packed transposed filter");
    rt.call("packFilterT", as(rt, f, "float32"), wt, k, cout);
    const { top, bottom, left, right } = attrs.pads;
    const hp = g.h + top + bottom;
    const wp = g.w + left + right;
    // with padding the kernel fills a padded gradient and the interior is copied out
    const dxp = hasPads(attrs.pads) ? rt.temp(g.n * hp * wp * g.c * 4, "padded input gradient") : out.storage.ptr;
    const gw = rt.ints([g.n, hp, wp, g.c, g.kh, g.kw, g.oh, g.ow, attrs.strides[0], attrs.strides[1], cout]);
    rt.runSplit("convInputGrad", (2 * dy.size * k) / 25, 4 * rt.fineShares, as(rt, dy, "float32"), wt, dxp, gw);
    if (dxp !== out.storage.ptr) {
      const src = dxp + (top * wp + left) * g.c * 4;
      stridedCopy(rt, src, [hp * wp * g.c, wp * g.c, g.c, 1], out.storage.ptr, [g.h * g.w * g.c, g.w * g.c, g.c, 1], [g.n, g.h, g.w, g.c]);
    }
  };
}

export function conv2dBackpropFilter(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["conv2dBackpropFilter"]>): WasmKernel<KernelAttrs["conv2dBackpropFilter"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const x = arg(inputs, 0);
    const dy = arg(inputs, 1);
    const g = geometry(x.shape, attrs.filterShape, dy.shape);
    const cout = attrs.filterShape[3] as number;
    const k = g.kh * g.kw * g.c;
    const work = (2 * dy.size * k) / 25;
    // threads sum disjoint pixel ranges into partials, added in a fixed order
    const shares = rt.mayShare(work, true) ? rt.getThreads() * rt.fineShares : 1;
    const partSize = ((k + 3) & ~3) * 8 * Math.ceil(cout / 8);
    const parts = rt.temp(shares * partSize * 4, "filter-gradient partials");
    const [px, gw] = directInput(rt, as(rt, x, "float32"), g, attrs, cout);
    rt.runShares("convFilterGrad", work, shares, shares, px, as(rt, dy, "float32"), parts, gw);
    rt.run("convFilterReduce", streamWork(partSize * shares * 4), parts, shares, out.storage.ptr, k, cout);
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
    if (name === "avgPool2dGrad") {
      const inShape = (attrs as KernelAttrs["avgPool2dGrad"]).inputShape;
      rt.run(name, streamWork(out.size * 8), first.storage.ptr, out.storage.ptr, poolWords(rt, inShape, first.shape, attrs));
    } else if (name === "maxPool2d" || name === "avgPool2d") {
      rt.run(name, streamWork(first.size * 4 + out.size * 4), first.storage.ptr, out.storage.ptr, poolWords(rt, first.shape, out.shape, attrs));
    } else {
      const second = arg(inputs, 1);
      const pooled = name === "maxPool2dGrad" ? second.shape : out.shape;
      rt.run(name, streamWork(first.size * 12), first.storage.ptr, second.storage.ptr, out.storage.ptr, poolWords(rt, first.shape, pooled, attrs));
    }
  };
}
