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
