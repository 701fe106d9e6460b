/** Shared pieces of the wasm kernel glue: storage handles, dtype coercion and stride collapsing. */
import type { Kernel, KernelTensor, Storage } from "../../backend.js";
import type { DType } from "../../dtype.js";
import type { WasmRuntime } from "../runtime.js";

/**
 * A tensor's bytes in WebAssembly memory: `size` elements at byte offset `ptr` (block of `cap` bytes).
 * float64 storage (gradient checks) lives on the JS heap in `f64` and is handled by the js kernels.
 */
export interface WasmStorage extends Storage {
  readonly ptr: number;
  readonly cap: number;
  readonly f64?: Float64Array;
}

export type WasmTensor = KernelTensor<WasmStorage>;
export type WasmKernel<A> = Kernel<WasmStorage, A>;

export function arg(inputs: readonly WasmTensor[], i: number): WasmTensor {
  const t = inputs[i];
  if (!t) throw new Error(`kernel: missing input ${i}`);
  return t;
}

/**
 * The work estimate (ns) of a kernel that streams `bytes` through memory doing `ns` of arithmetic.
 * A cheap pass over data that fits one core's L2 cache is not worth splitting: the second core would
 * pull its half out of the first core's cache, and measured slower than one thread (the MLPs' passes,
 * under 1 MB). Passes over more than an L2's worth (the 1.2 MB activations of the W3 CNN's first
 * layer: relu gradient, pooling, bias sums) measured faster split.
 */
export function streamWork(bytes: number, ns = 0): number {
  return bytes >= STREAM_SPLIT_BYTES ? Math.max(ns, bytes) : ns;
}
const STREAM_SPLIT_BYTES = 1 << 20;

/** Address of t's data as `dtype`: t itself, or a converted temporary (float32 ↔ int32). */
export function as(rt: WasmRuntime, t: WasmTensor, dtype: DType): number {
  if (t.dtype === dtype) return t.storage.ptr;
  const tmp = rt.temp(t.size * 4, `${dtype} copy of a ${t.dtype} input`);
  const work = streamWork(t.size * 8);
  if (dtype === "int32") rt.run("castF32ToI32", work, t.storage.ptr, tmp, t.size);
  else rt.run("castI32ToF32", work, t.storage.ptr, tmp, t.size);
  return tmp;
}

/** Row-major strides. */
export { stridesOf as contiguousStrides } from "../../strides.js";

/** Strides of `shape` read as `outShape` under broadcasting (0 where it is broadcast). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    strides[rank - shape.length + i] = d === 1 ? 0 : acc;
    acc *= d;
  }
  return strides;
}

/**
 * Merges the axes of an iteration over `dims` with one stride vector per operand: size-1 axes are
 * dropped and neighbours merged wherever every operand steps through them as one. The result has
 * at least one axis.
 */
export function collapse(dims: readonly number[], strides: readonly (readonly number[])[]): { dims: number[]; strides: number[][] } {
  const outDims: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let ax = 0; ax < dims.length; ax++) {
    const d = dims[ax] as number;
    if (d === 1) continue;
    const last = outDims.length - 1;
    const mergeable =
      last >= 0 && strides.every((s, t) => (outStrides[t] as number[])[last] === (s[ax] as number) * d);
    if (mergeable) {
      outDims[last] = (outDims[last] as number) * d;
      strides.forEach((s, t) => ((outStrides[t] as number[])[last] = s[ax] as number));
    } else {
      outDims.push(d);
      strides.forEach((s, t) => (outStrides[t] as number[]).push(s[ax] as number));
    }
  }
  if (outDims.length === 0) {
    outDims.push(1);
    outStrides.forEach((s) => s.push(0));
  }
  return { dims: outDims, strides: outStrides };
}

export function product(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}
