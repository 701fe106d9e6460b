/**
 * Element-wise kernels of the js backend: unary maps and broadcasting binary / ternary maps.
 *
 * Speed without code generation: each op has its own loop (below, one line each), so V8 compiles a
 * loop per op with the arithmetic inlined, instead of one shared loop calling a different closure
 * per element. Broadcasting walks the output in rows after merging axes that every operand steps
 * through contiguously, so a same-shape op or one with a scalar is a single tight loop.
 */
import type { TypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, copyRange, type JsKernel } from "./storage.js";

type NoAttrs = KernelAttrs["add"];

/** Strides of `shape` as seen from an output of shape `outShape` under broadcasting (0 on broadcast axes). */
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
 * The output's axes after merging: size-1 axes are dropped, and an axis is merged into the next one
 * when every operand's stride on it is the next stride times the next size. Returns the merged
 * sizes and, per operand, the merged strides.
 */
function coalesce(outShape: readonly number[], inShapes: readonly (readonly number[])[]): { dims: number[]; strides: number[][] } {
  const full = inShapes.map((s) => broadcastStrides(s, outShape));
  const dims: number[] = [];
  const strides: number[][] = inShapes.map(() => []);
  for (let ax = outShape.length - 1; ax >= 0; ax--) {
    const d = outShape[ax] as number;
    if (d === 1) continue;
    const last = dims.length - 1;
    const mergeable = last >= 0 && full.every((s, t) => (s[ax] as number) === (strides[t] as number[])[0]! * dims[0]!);
    if (mergeable) {
      dims[0] = dims[0]! * d;
    } else {
      dims.unshift(d);
      full.forEach((s, t) => (strides[t] as number[]).unshift(s[ax] as number));
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    strides.forEach((s) => s.push(0));
  }
  return { dims, strides };
}

/**
 * Calls row(outStart, count, offsets, steps) for each row of the output (row-major), where offsets
 * are each operand's index of the row's first element and steps their strides along the row.
 */
export function forEachRow(
  outShape: readonly number[],
  inShapes: readonly (readonly number[])[],
  row: (outStart: number, count: number, offsets: number[], steps: number[]) => void,
): void {
  const size = outShape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const { dims, strides } = coalesce(outShape, inShapes);
  const rank = dims.length;
  const count = dims[rank - 1] as number;
  const steps = strides.map((s) => s[rank - 1] as number);
  const offsets = new Array<number>(inShapes.length).fill(0);
  const counter = new Array<number>(rank).fill(0);
  for (let start = 0; start < size; start += count) {
    row(start, count, offsets, steps);
    for (let ax = rank - 2; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      const back = c < (dims[ax] as number) ? 1 : 1 - c;
      counter[ax] = back === 1 ? c : 0;
      for (let t = 0; t < offsets.length; t++) offsets[t] = (offsets[t] as number) + back * ((strides[t] as number[])[ax] as number);
      if (back === 1) break;
    }
  }
}

/** sigmoid computed without overflow for large |x|. */
export function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

type UnaryLoop = (x: TypedArray, o: TypedArray, n: number) => void;

/** One loop per unary op. */
export const unaryLoops = {
  neg: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = -x[i]!; },
  exp: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]!); },
  log: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.log(x[i]!); },
  log1p: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.log1p(x[i]!); },
  sqrt: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]!); },
  abs: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]!); },
  // keeps ±0 and NaN, as NumPy does
  sign: (x, o, n) => { for (let i = 0; i < n; i++) { const v = x[i]!; o[i] = v > 0 ? 1 : v < 0 ? -1 : v; } },
  sigmoid: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = stableSigmoid(x[i]!); },
  tanh: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]!); },
  sin: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.sin(x[i]!); },
  cos: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.cos(x[i]!); },
  floor: (x, o, n) => { for (let i = 0; i < n; i++) o[i] = Math.floor(x[i]!); },
} satisfies Record<string, UnaryLoop>;

export function unary(loop: UnaryLoop): JsKernel<NoAttrs> {
  return (inputs, out) => loop(arg(inputs, 0).storage.data, out.storage.data, out.size);
}

/** One row of a binary op: o[io + i] = f(a[ia + i·sa], b[ib + i·sb]) for i < n. */
type BinaryRow = (a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, o: TypedArray, io: number, n: number) => void;

/** One loop per binary op. maximum / minimum propagate NaN, as in NumPy and PyTorch. */
export const binaryRows = {
  add: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! + b[ib]!; },
  sub: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! - b[ib]!; },
  mul: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! * b[ib]!; },
  div: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! / b[ib]!; },
  pow: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = Math.pow(a[ia]!, b[ib]!); },
  maximum: (a, ia, sa, b, ib, sb, o, io, n) => {
    // x !== x is NaN: a NaN on the left wins; one on the right loses every comparison, so it is picked
    for (const end = io + n; io < end; io++, ia += sa, ib += sb) { const x = a[ia]!, y = b[ib]!; o[io] = x > y || x !== x ? x : y; }
  },
  minimum: (a, ia, sa, b, ib, sb, o, io, n) => {
    for (const end = io + n; io < end; io++, ia += sa, ib += sb) { const x = a[ia]!, y = b[ib]!; o[io] = x < y || x !== x ? x : y; }
  },
  equal: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! === b[ib]! ? 1 : 0; },
  notEqual: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! !== b[ib]! ? 1 : 0; },
  greater: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! > b[ib]! ? 1 : 0; },
  greaterEqual: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! >= b[ib]! ? 1 : 0; },
  less: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! < b[ib]! ? 1 : 0; },
  lessEqual: (a, ia, sa, b, ib, sb, o, io, n) => { for (const end = io + n; io < end; io++, ia += sa, ib += sb) o[io] = a[ia]! <= b[ib]! ? 1 : 0; },
} satisfies Record<string, BinaryRow>;

export function binary(row: BinaryRow): JsKernel<NoAttrs> {
  return (inputs, out) => {
    const ta = arg(inputs, 0);
    const tb = arg(inputs, 1);
    const a = ta.storage.data;
    const b = tb.storage.data;
    const o = out.storage.data;
    forEachRow(out.shape, [ta.shape, tb.shape], (start, n, offs, st) => row(a, offs[0]!, st[0]!, b, offs[1]!, st[1]!, o, start, n));
  };
}

export const where: JsKernel<NoAttrs> = (inputs, out) => {
  const [tc, ta, tb] = [arg(inputs, 0), arg(inputs, 1), arg(inputs, 2)];
  const c = tc.storage.data;
  const a = ta.storage.data;
  const b = tb.storage.data;
  const o = out.storage.data;
  forEachRow(out.shape, [tc.shape, ta.shape, tb.shape], (start, n, offs, st) => {
    let ic = offs[0]!, ia = offs[1]!, ib = offs[2]!;
    const sc = st[0]!, sa = st[1]!, sb = st[2]!;
    for (let i = start, end = start + n; i < end; i++, ic += sc, ia += sa, ib += sb) o[i] = c[ic]! !== 0 ? a[ia]! : b[ib]!;
  });
};

export const cast: JsKernel<KernelAttrs["cast"]> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const o = out.storage.data;
  // float → int32 truncates toward 0 (the op has checked the range); everything else converts exactly or rounds once
  if (out.dtype === "int32" && !(x instanceof Int32Array)) {
    for (let i = 0; i < o.length; i++) o[i] = Math.trunc(x[i]!);
  } else o.set(x);
};

export const broadcastTo: JsKernel<KernelAttrs["broadcastTo"]> = (inputs, out) => {
  const tx = arg(inputs, 0);
  const x = tx.storage.data;
  const o = out.storage.data;
  forEachRow(out.shape, [tx.shape], (start, n, offs, st) => {
    const sx = st[0]!;
    if (sx === 1) copyRange(x, offs[0]!, o, start, n);
    else if (sx === 0) o.fill(x[offs[0]!]!, start, start + n);
    else for (let i = start, ix = offs[0]!, end = start + n; i < end; i++, ix += sx) o[i] = x[ix]!;
  });
};
