/**
 * Data-movement kernels of the wasm backend. transpose, broadcastTo, slice, pad and concat are all
 * one strided copy (assembly/movement.ts) with different source and destination strides.
 */
import type { KernelAttrs } from "../../kernel-attrs.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, broadcastStrides, collapse, contiguousStrides, product, streamWork, type WasmKernel } from "./common.js";

/** Copies a box of shape `dims` from src (element strides ss) to dst (strides ds), addresses in bytes. */
export function stridedCopy(rt: WasmRuntime, src: number, ss: readonly number[], dst: number, ds: readonly number[], dims: readonly number[]): void {
  const n = product(dims);
  if (n === 0) return;
  const c = collapse(dims, [ss, ds]);
  const [cs, cd] = c.strides as [number[], number[]];
  if (c.dims.length === 2 && cs[0] === 1 && cs[1] === c.dims[0] && cd[1] === 1 && cd[0] === c.dims[1]) {
    // a plain 2-D transpose: [rows, cols] stored column-major → row-major
    rt.run("transpose2d", streamWork(n * 8), src, dst, c.dims[1] as number, c.dims[0] as number);
    return;
  }
  rt.run("copyStrided", streamWork(n * 8), src, dst, c.dims.length, rt.ints(c.dims), rt.ints(cs), rt.ints(cd));
}

export function transpose(rt: WasmRuntime): WasmKernel<KernelAttrs["transpose"]> {
  return (inputs, out, { perm }) => {
    const x = arg(inputs, 0);
    const st = contiguousStrides(x.shape);
    stridedCopy(rt, x.storage.ptr, perm.map((p) => st[p] as number), out.storage.ptr, contiguousStrides(out.shape), out.shape);
  };
}

export function broadcastTo(rt: WasmRuntime): WasmKernel<KernelAttrs["broadcastTo"]> {
  return (inputs, out) => {
    const x = arg(inputs, 0);
    stridedCopy(rt, x.storage.ptr, broadcastStrides(x.shape, out.shape), out.storage.ptr, contiguousStrides(out.shape), out.shape);
  };
}

export function slice(rt: WasmRuntime): WasmKernel<KernelAttrs["slice"]> {
  return (inputs, out, { begin, size }) => {
    const x = arg(inputs, 0);
    const st = contiguousStrides(x.shape);
    const offset = begin.reduce((acc, b, i) => acc + b * (st[i] as number), 0);
    stridedCopy(rt, x.storage.ptr + offset * 4, st, out.storage.ptr, contiguousStrides(size), size);
  };
}

/** The 32-bit pattern of `value` stored as `dtype`. */
function bitsOf(value: number, dtype: string): number {
  if (dtype === "int32") return value | 0;
  return new Int32Array(new Float32Array([value]).buffer)[0] as number;
}

export function pad(rt: WasmRuntime): WasmKernel<KernelAttrs["pad"]> {
  return (inputs, out, { paddings, value }) => {
    const x = arg(inputs, 0);
    rt.run("fill32", streamWork(out.size * 4), out.storage.ptr, bitsOf(value, out.dtype), out.size);
    const os = contiguousStrides(out.shape);
    const offset = paddings.reduce((acc, p, i) => acc + p[0] * (os[i] as number), 0);
    stridedCopy(rt, x.storage.ptr, contiguousStrides(x.shape), out.storage.ptr + offset * 4, os, x.shape);
  };
}

export function concat(rt: WasmRuntime): WasmKernel<KernelAttrs["concat"]> {
  return (inputs, out, { axis }) => {
    const os = contiguousStrides(out.shape);
    let offset = 0;
    for (const t of inputs) {
      stridedCopy(rt, t.storage.ptr, contiguousStrides(t.shape), out.storage.ptr + offset * 4 * (os[axis] as number), os, t.shape);
      offset += t.shape[axis] as number;
      // each copy has run when stridedCopy returns: its parameters' space serves the next input
      // (otherwise hundreds of inputs, e.g. predict's batch outputs, overflow the parameter area)
      rt.releaseParams();
    }
  };
}

export function gather(rt: WasmRuntime): WasmKernel<KernelAttrs["gather"]> {
  return (inputs, out, { axis }) => {
    const x = arg(inputs, 0);
    const idx = arg(inputs, 1);
    const outer = product(x.shape.slice(0, axis));
    const inner = product(x.shape.slice(axis + 1));
    rt.call("gather32", x.storage.ptr, idx.storage.ptr, out.storage.ptr, outer, x.shape[axis] as number, idx.size, inner);
  };
}

export function scatterAdd(rt: WasmRuntime): WasmKernel<KernelAttrs["scatterAdd"]> {
  return (inputs, out, { axis, shape }) => {
    const upd = arg(inputs, 0);
    const idx = arg(inputs, 1);
    const outer = product(shape.slice(0, axis));
    const inner = product(shape.slice(axis + 1));
    const n = shape[axis] as number;
    const m = idx.size;
    if (out.dtype === "int32") {
      rt.call("scatterAdd32", upd.storage.ptr, idx.storage.ptr, out.storage.ptr, outer, n, m, inner);
      return;
    }
    // float32: grouped by index and summed pairwise per destination (scatterAddF32)
    const levels = 32 - Math.clz32(Math.ceil(m / 16));
    const start = rt.temp((n + 1) * 4, "scatter-add grouping");
    const order = rt.temp(m * 4, "scatter-add grouping");
    const partial = rt.temp(levels * inner * 4, "scatter-add partial rows");
    rt.call("scatterAddF32", upd.storage.ptr, idx.storage.ptr, out.storage.ptr, outer, n, m, inner, start, order, partial);
  };
}
