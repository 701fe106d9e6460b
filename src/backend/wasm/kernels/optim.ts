/** Fused optimizer updates on the wasm backend (float32; float64 goes to the js kernels). */
import type { KernelAttrs } from "../../kernel-attrs.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, streamWork, type WasmKernel } from "./common.js";

export function adamUpdate(rt: WasmRuntime): WasmKernel<KernelAttrs["adamUpdate"]> {
  return (inputs, out, { alpha, beta1, beta2, epsilon }) => {
    const [p, g, m, v] = [0, 1, 2, 3].map((i) => arg(inputs, i).storage.ptr) as [number, number, number, number];
    rt.run("adamF32", streamWork(out.size * 28), p, g, m, v, out.storage.ptr, out.size, alpha, beta1, beta2, epsilon);
  };
}
