/** The js backend's storage: a plain typed array on the JS heap. */
import type { Kernel, KernelTensor, Storage } from "../backend.js";
import type { DType, TypedArray } from "../dtype.js";

export interface JsStorage extends Storage {
  readonly data: TypedArray;
}

export type JsTensor = KernelTensor<JsStorage>;
export type JsKernel<A> = Kernel<JsStorage, A>;

export function makeStorage(dtype: DType, data: TypedArray): JsStorage {
  return { dtype, size: data.length, refCount: 0, data };
}

/** The typed array of input `i` (kernels are only called with the inputs their primitive declares). */
export function arg(inputs: readonly JsTensor[], i: number): JsTensor {
  const t = inputs[i];
  if (!t) throw new Error(`kernel: missing input ${i}`);
  return t;
}

/**
 * Copies n elements from src[from…] to dst[to…]. Long runs use the engine's block copy; short ones
 * a plain loop, since set(subarray) would allocate a view object per run.
 */
export function copyRange(src: TypedArray, from: number, dst: TypedArray, to: number, n: number): void {
  if (n >= 32) dst.set(src.subarray(from, from + n), to);
  else for (let i = 0; i < n; i++) dst[to + i] = src[from + i]!;
}
