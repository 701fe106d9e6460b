/** Fused optimizer updates of the js backend: one loop over a parameter per step. */
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, type JsKernel } from "./storage.js";

/** Adam: the slots m (input 2) and v (input 3) are updated in place, out = the new parameter. */
export const adamUpdate: JsKernel<KernelAttrs["adamUpdate"]> = (inputs, out, { alpha, beta1, beta2, epsilon }) => {
  const p = arg(inputs, 0).storage.data;
  const g = arg(inputs, 1).storage.data;
  const m = arg(inputs, 2).storage.data;
  const v = arg(inputs, 3).storage.data;
  const o = out.storage.data;
  for (let i = 0; i < o.length; i++) {
    const gi = g[i] as number;
    m[i] = beta1 * (m[i] as number) + (1 - beta1) * gi;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
    o[i] = (p[i] as number) - (alpha * (m[i] as number)) / (Math.sqrt(v[i] as number) + epsilon);
  }
};
