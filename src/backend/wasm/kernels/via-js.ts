/**
 * The listed fallback: runs a js-backend kernel on typed-array views of WebAssembly memory, with no
 * copy. Used for what the wasm kernels do not cover: float64 (whose storage is a JS Float64Array)
 * and int32 matmul, convolution and pooling. The js kernels allocate only JS arrays, so the views
 * stay valid.
 */
import type { Kernel, KernelTensor } from "../../backend.js";
import type { TypedArray } from "../../dtype.js";
import type { JsStorage } from "../../js/storage.js";
import type { WasmRuntime } from "../runtime.js";
import type { WasmKernel, WasmTensor } from "./common.js";

export function viaJs<A>(rt: WasmRuntime, kernel: Kernel<JsStorage, A>): WasmKernel<A> {
  return (inputs, out, attrs) => {
    const view = (t: WasmTensor): KernelTensor<JsStorage> => {
      const data = jsView(rt, t);
      return { shape: t.shape, dtype: t.dtype, size: t.size, storage: { dtype: t.dtype, size: t.size, refCount: 1, data } };
    };
    kernel(inputs.map(view), view(out), attrs);
  };
}

/** A typed-array view of t's data (its JS-heap array for float64), valid until the next allocation. */
export function jsView(rt: WasmRuntime, t: WasmTensor): TypedArray {
  rt.opaque(); // JavaScript runs on the data: a replay of the kernel's noted calls would skip it
  if (t.storage.f64) return t.storage.f64;
  const whole = t.dtype === "int32" ? rt.heap.i32() : rt.heap.f32();
  const start = t.storage.ptr >>> 2;
  return whole.subarray(start, start + t.size);
}
