/**
 * The listed fallback: runs a js-backend kernel on typed-array views of WebAssembly memory, with no
 * copy. Used for what the wasm kernels do not cover: float64 (whose storage is a JS Float64Array)
 * and int32 matmul, convolution and pooling. The js kernels allocate only JS arrays, so the views
 * stay valid.
 */
import type { Kernel, KernelTensor } from "../../backend.js";
import type { JsStorage } from "../../js/storage.js";
import type { WasmRuntime } from "../runtime.js";
import type { WasmKernel, WasmTensor } from "./common.js";

export function viaJs<A>(rt: WasmRuntime, kernel: Kernel<JsStorage, A>): WasmKernel<A> {
  return (inputs, out, attrs) => {
    const view = (t: WasmTensor): KernelTensor<JsStorage> => {
      const f64 = t.storage.f64;
      if (f64) return { shape: t.shape, dtype: t.dtype, size: t.size, storage: { dtype: t.dtype, size: t.size, refCount: 1, data: f64 } };
      const whole = t.dtype === "int32" ? rt.heap.i32() : rt.heap.f32();
      const start = t.storage.ptr >>> 2;
      const data = whole.subarray(start, start + t.size);
      return { shape: t.shape, dtype: t.dtype, size: t.size, storage: { dtype: t.dtype, size: t.size, refCount: 1, data } };
    };
    kernel(inputs.map(view), view(out), attrs);
  };
}
