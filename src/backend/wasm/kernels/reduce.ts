/**
 * Reductions of the wasm backend. The reduced axes are brought into one middle block — by merging
 * neighbours when they already are, otherwise by a transposing copy — so the kernel sees x as
 * [outer, r, inner].
 */
import type { KernelAttrs } from "../../kernel-attrs.js";
import { REDUCE_OPS } from "../exports.generated.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, contiguousStrides, product, streamWork, type WasmKernel, type WasmTensor } from "./common.js";
import { stridedCopy } from "./movement.js";

const OPS = REDUCE_OPS;

/** [pointer, outer, r, inner] of x with `axes` reduced, transposing into a temporary if needed. */
function layout(rt: WasmRuntime, x: WasmTensor, axes: readonly number[]): [number, number, number, number] {
  const shape = x.shape;
  // drop size-1 axes: they change neither data order nor results
  const kept: number[] = [];
  const red: boolean[] = [];
  shape.forEach((d, i) => {
    if (d !== 1) {
      kept.push(d);
      red.push(axes.includes(i));
    }
  });
  const first = red.indexOf(true);
  const last = red.lastIndexOf(true);
  const r = product(shape.filter((_, i) => axes.includes(i)));
  if (first < 0) return [x.storage.ptr, x.size / Math.max(r, 1), 1, 1];
  const contiguousBlock = red.slice(first, last + 1).every((v) => v);
  if (contiguousBlock) {
    const outer = product(kept.slice(0, first));
    const inner = product(kept.slice(last + 1));
    return [x.storage.ptr, outer, r, inner];
  }
  // move the reduced axes last
  const keptAxes = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...keptAxes, ...axes];
  const tmp = rt.temp(x.size * 4, "reduction transpose");
  const st = contiguousStrides(shape);
  stridedCopy(rt, x.storage.ptr, perm.map((p) => st[p] as number), tmp, contiguousStrides(perm.map((p) => shape[p] as number)), perm.map((p) => shape[p] as number));
  return [tmp, x.size / Math.max(r, 1), r, 1];
}

/**
 * Rows per part of a float32 sum (see sumPartsF32): contiguous rows in parts of 64k elements, column
 * sums in parts of 4096 rows. Fixed by the shape alone, so results do not depend on the thread count;
 * parts let a long reduction split across threads, and their sums merge pairwise.
 */
const ROW_PART = 1 << 16;
const COL_PART = 1 << 12;

function reduction(rt: WasmRuntime, name: keyof typeof OPS): WasmKernel<{ axes: number[] }> {
  const op = OPS[name];
  return (inputs, out, { axes }) => {
    const x = arg(inputs, 0);
    // reducing an empty axis: the kernel only writes the initial values
    const [ptr, outer, r, inner] = x.size === 0 ? [0, out.size, 0, 1] : layout(rt, x, axes);
    if (op === OPS.sum && x.dtype === "float32") return sumF32(rt, ptr, out.storage.ptr, outer, r, inner, x.size);
    const fn = x.dtype === "int32" ? "reduceI32" : "reduceF32";
    rt.run(fn, streamWork(x.size * 4), op, ptr, out.storage.ptr, outer, r, inner);
  };
}

/** Float32 sum of x viewed as [outer, r, inner] along r: pairwise within parts, then across them. */
function sumF32(rt: WasmRuntime, x: number, out: number, outer: number, r: number, inner: number, size: number): void {
  const partRows = inner === 1 ? ROW_PART : COL_PART;
  const parts = Math.max(1, Math.ceil(r / partRows));
  const dst = parts > 1 ? rt.temp(outer * parts * inner * 4, "partial sums") : out;
  rt.run("sumPartsF32", streamWork(size * 4), x, dst, outer, r, inner, partRows);
  if (parts > 1) rt.run("sumMergeF32", streamWork(outer * parts * inner * 4), dst, out, outer, parts, inner);
}

export const sum = (rt: WasmRuntime): WasmKernel<KernelAttrs["sum"]> => reduction(rt, "sum");
export const max = (rt: WasmRuntime): WasmKernel<KernelAttrs["max"]> => reduction(rt, "max");
export const min = (rt: WasmRuntime): WasmKernel<KernelAttrs["min"]> => reduction(rt, "min");

function argReduction(rt: WasmRuntime, isMax: boolean): WasmKernel<{ axis: number }> {
  return (inputs, out, { axis }) => {
    const x = arg(inputs, 0);
    const n = x.shape[axis] as number;
    const outer = product(x.shape.slice(0, axis));
    const inner = product(x.shape.slice(axis + 1));
    rt.call("argReduce", x.storage.ptr, out.storage.ptr, outer, n, inner, isMax ? 1 : 0, x.dtype === "int32" ? 0 : 1);
  };
}

export const argmax = (rt: WasmRuntime): WasmKernel<KernelAttrs["argmax"]> => argReduction(rt, true);
export const argmin = (rt: WasmRuntime): WasmKernel<KernelAttrs["argmin"]> => argReduction(rt, false);

/** Softmax cross-entropy per row of the last axis (float32; float64 goes to the js kernels). */
export function softmaxCrossEntropy(rt: WasmRuntime): WasmKernel<KernelAttrs["softmaxCrossEntropy"]> {
  return (inputs, out) => {
    const z = arg(inputs, 0);
    const n = z.shape[z.shape.length - 1] as number;
    rt.run("softmaxXentF32", z.size * 10, z.storage.ptr, arg(inputs, 1).storage.ptr, out.storage.ptr, out.size, n);
  };
}

/** Its gradient in z, (softmax(z)·Σy − y)·g, per row. */
export function softmaxCrossEntropyGrad(rt: WasmRuntime): WasmKernel<KernelAttrs["softmaxCrossEntropyGrad"]> {
  return (inputs, out) => {
    const z = arg(inputs, 0);
    const g = arg(inputs, 2);
    const n = z.shape[z.shape.length - 1] as number;
    rt.run("softmaxXentGradF32", z.size * 12, z.storage.ptr, arg(inputs, 1).storage.ptr, g.storage.ptr, out.storage.ptr, g.size, n);
  };
}

/** log-softmax along one axis (float32; float64 goes to the js kernels). */
export function logSoftmax(rt: WasmRuntime): WasmKernel<KernelAttrs["logSoftmax"]> {
  return (inputs, out, { axis }) => {
    const x = arg(inputs, 0);
    const n = x.shape[axis] as number;
    const inner = product(x.shape.slice(axis + 1));
    rt.run("logSoftmaxF32", x.size * 8, x.storage.ptr, out.storage.ptr, x.size / (n * inner), n, inner);
  };
}
