/** Fused optimizer updates on the wasm backend (float32; float64 goes to the js kernels). */
import type { KernelAttrs } from "../../kernel-attrs.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, streamWork, type WasmKernel } from "./common.js";

export function adamUpdate(rt: WasmRuntime): WasmKernel<KernelAttrs["adamUpdate"]> {
  return (inputs, out, { alpha, beta1, beta2, epsilon, flush }) => {
    const [p, g, m, v] = [0, 1, 2, 3].map((i) => arg(inputs, i).storage.ptr) as [number, number, number, number];
    rt.run("adamF32", streamWork(out.size * 28), p, g, m, v, out.storage.ptr, out.size, alpha, beta1, beta2, epsilon, flush === false ? 0 : 1);
  };
}

/** The other optimizers' one-pass rules (OptimizerUpdateAttrs), one kernel export each. */
export function optimizerUpdate(rt: WasmRuntime): WasmKernel<KernelAttrs["optimizerUpdate"]> {
  return (inputs, out, a) => {
    const ptr = (i: number): number => inputs[i]?.storage.ptr ?? 0;
    const [p, g, s1, s2, s3] = [ptr(0), ptr(1), ptr(2), ptr(3), ptr(4)];
    const o = out.storage.ptr;
    const n = out.size;
    // bytes streamed: p, g, out and each slot read and written
    const work = streamWork(n * 4 * (3 + 2 * (inputs.length - 2)));
    const f = a.flush === false ? 0 : 1;
    switch (a.rule) {
      case "sgd":
        return rt.run("sgdF32", work, p, g, o, n, a.lr);
      case "momentum":
        return rt.run("momentumF32", work, p, g, s1, o, n, a.lr, a.momentum, a.nesterov ? 1 : 0, f);
      case "rmsprop": {
        const avg = a.centered ? s2 : 0;
        const mom = a.momentum > 0 ? (a.centered ? s3 : s2) : 0;
        return rt.run("rmspropF32", work, p, g, s1, avg, mom, o, n, a.lr, a.rho, a.epsilon, a.momentum, f);
      }
      case "adagrad":
        return rt.run("adagradF32", work, p, g, s1, o, n, a.lr, a.epsilon);
      case "adadelta":
        return rt.run("adadeltaF32", work, p, g, s1, s2, o, n, a.lr, a.rho, a.epsilon, f);
      case "adamax":
        return rt.run("adamaxF32", work, p, g, s1, s2, o, n, a.alpha, a.beta1, a.beta2, a.epsilon, f);
      case "nadam":
        return rt.run("nadamF32", work, p, g, s1, s2, o, n, a.lr, a.beta1, a.beta2, a.epsilon, a.mScale, a.gScale, a.vDiv, f);
    }
  };
}
