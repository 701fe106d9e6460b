/** relu and its gradient as single loops (the js backend's kernels for the relu primitives). */
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, type JsKernel } from "./storage.js";

type NoAttrs = KernelAttrs["relu"];

/** x ≤ 0 ? 0 : x; NaN passes through. */
export const relu: JsKernel<NoAttrs> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const o = out.storage.data;
  for (let i = 0; i < o.length; i++) {
    const v = x[i] as number;
    o[i] = v <= 0 ? 0 : v;
  }
};

/** inputs [x, g]: x ≤ 0 ? 0 : g. */
export const reluGrad: JsKernel<KernelAttrs["reluGrad"]> = (inputs, out) => {
  const x = arg(inputs, 0).storage.data;
  const g = arg(inputs, 1).storage.data;
  const o = out.storage.data;
  for (let i = 0; i < o.length; i++) o[i] = (x[i] as number) <= 0 ? 0 : (g[i] as number);
};
