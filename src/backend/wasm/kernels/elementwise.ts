/** Element-wise kernels of the wasm backend: unary maps, cast, broadcasting binary ops and where. */
import { promote } from "../../dtype.js";
import type { KernelAttrs, KernelName } from "../../kernel-attrs.js";
import { ARITH_OPS, COMPARE_OPS, UNARY_OPS } from "../exports.generated.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, as, broadcastStrides, collapse, streamWork, type WasmKernel, type WasmTensor } from "./common.js";

type NoAttrs = KernelAttrs["add"];

const UNARY = UNARY_OPS;
const ARITH = ARITH_OPS;
const COMPARE = COMPARE_OPS;
/** Rough single-thread cost per element in ns (transcendentals cost more). */
const UNARY_COST: Record<keyof typeof UNARY, number> = {
  neg: 0.3, exp: 3, log: 3, log1p: 4, sqrt: 0.5, abs: 0.3, sign: 0.3, sigmoid: 4, tanh: 5, sin: 5, cos: 5, floor: 0.3, relu: 0.3, erf: 60,
};

export type UnaryName = keyof typeof UNARY;
export type ArithName = keyof typeof ARITH;
export type CompareName = keyof typeof COMPARE;

export function unary(rt: WasmRuntime, name: UnaryName): WasmKernel<NoAttrs> {
  const op = UNARY[name];
  return (inputs, out) => {
    const x = arg(inputs, 0);
    const cost = UNARY_COST[name];
    const work = streamWork(out.size * 8, cost >= 3 ? out.size * cost : 0);
    if (out.dtype === "int32") rt.run("unaryI32", work, op, as(rt, x, "int32"), out.storage.ptr, out.size);
    else rt.run("unaryF32", work, op, as(rt, x, "float32"), out.storage.ptr, out.size);
  };
}

/** relu's gradient: inputs [x, g] of one shape, out = x ≤ 0 ? 0 : g. */
export function reluGrad(rt: WasmRuntime): WasmKernel<NoAttrs> {
  return (inputs, out) => {
    const x = arg(inputs, 0);
    const g = arg(inputs, 1);
    rt.run("reluGrad32", streamWork(out.size * 12), x.storage.ptr, as(rt, g, out.dtype), out.storage.ptr, out.size, x.dtype === "int32" ? 1 : 0);
  };
}

export function cast(rt: WasmRuntime): WasmKernel<KernelAttrs["cast"]> {
  return (inputs, out) => {
    const x = arg(inputs, 0);
    if (x.dtype === out.dtype) rt.copyBytes(out.storage.ptr, x.storage.ptr, x.size * 4);
    else if (out.dtype === "int32") rt.run("castF32ToI32", streamWork(out.size * 8), x.storage.ptr, out.storage.ptr, out.size);
    else rt.run("castI32ToF32", streamWork(out.size * 8), x.storage.ptr, out.storage.ptr, out.size);
  };
}

/** Writes the collapsed broadcast of `operands` onto `out` and returns [rank, dims, ...strides] addresses. */
function broadcastParams(rt: WasmRuntime, out: WasmTensor, operands: readonly WasmTensor[]): number[] {
  // common cases without building stride vectors: every operand full-size or a single element
  if (operands.every((t) => t.size === out.size || t.size === 1)) {
    // built by push, not by spreading Array.map's result, which deoptimized this kernel ("wrong map")
    const params = [1, rt.ints([out.size])];
    for (const t of operands) params.push(t.size === out.size ? rt.onePtr : rt.zeroPtr);
    return params;
  }
  const full = operands.map((t) => (t.size === out.size ? null : broadcastStrides(t.shape, out.shape)));
  const strides = operands.map((t, i) => full[i] ?? broadcastStrides(t.shape, out.shape));
  const c = collapse(out.shape, strides);
  return [c.dims.length, rt.ints(c.dims), ...c.strides.map((s) => rt.ints(s))];
}

export function arith(rt: WasmRuntime, name: ArithName): WasmKernel<NoAttrs> {
  const op = ARITH[name];
  const cost = name === "pow" ? 20 : 0;
  return (inputs, out) => {
    const a = arg(inputs, 0);
    const b = arg(inputs, 1);
    const dt = out.dtype;
    const pa = as(rt, a, dt);
    const pb = as(rt, b, dt);
    const [rank, dims, sa, sb] = broadcastParams(rt, out, [a, b]) as [number, number, number, number];
    rt.run(dt === "int32" ? "binaryI32" : "binaryF32", streamWork(out.size * 12, out.size * cost), op, pa, pb, out.storage.ptr, rank, dims, sa, sb);
  };
}

export function compare(rt: WasmRuntime, name: CompareName): WasmKernel<NoAttrs> {
  const op = COMPARE[name];
  return (inputs, out) => {
    const a = arg(inputs, 0);
    const b = arg(inputs, 1);
    const dt = promote(a.dtype, b.dtype);
    const pa = as(rt, a, dt);
    const pb = as(rt, b, dt);
    const [rank, dims, sa, sb] = broadcastParams(rt, out, [a, b]) as [number, number, number, number];
    rt.run(dt === "int32" ? "compareI32" : "compareF32", streamWork(out.size * 12), op, pa, pb, out.storage.ptr, rank, dims, sa, sb);
  };
}

export function where(rt: WasmRuntime): WasmKernel<NoAttrs> {
  return (inputs, out) => {
    const c = arg(inputs, 0);
    const a = arg(inputs, 1);
    const b = arg(inputs, 2);
    let pc = c.storage.ptr;
    if (c.dtype !== "int32") {
      // a float condition means cond ≠ 0 (NaN counts as true, as in the js backend)
      pc = rt.temp(c.size * 4, "where condition");
      // the int32 word 0 is also the float32 0
      rt.run("compareF32", streamWork(c.size * 8), COMPARE.notEqual, c.storage.ptr, rt.zeroPtr, pc, 1, rt.ints([c.size]), rt.onePtr, rt.zeroPtr);
    }
    const pa = as(rt, a, out.dtype);
    const pb = as(rt, b, out.dtype);
    const [rank, dims, sc, sa, sb] = broadcastParams(rt, out, [c, a, b]) as [number, number, number, number, number];
    rt.run("where32", streamWork(out.size * 16), pc, pa, pb, out.storage.ptr, rank, dims, sc, sa, sb);
  };
}

export const UNARY_NAMES = Object.keys(UNARY) as UnaryName[];

/** One kernel per op code of assembly/unary.ts, so a new unary op needs no entry in the kernel table. */
export function unaryKernels(rt: WasmRuntime): Record<UnaryName, WasmKernel<NoAttrs>> {
  const out: Partial<Record<UnaryName, WasmKernel<NoAttrs>>> = {};
  for (const name of UNARY_NAMES) out[name] = unary(rt, name);
  return out as Record<UnaryName, WasmKernel<NoAttrs>>;
}
export const ARITH_NAMES = Object.keys(ARITH) as ArithName[];
export const COMPARE_NAMES = Object.keys(COMPARE) as CompareName[];
export type ElementwiseName = Extract<KernelName, UnaryName | ArithName | CompareName>;
