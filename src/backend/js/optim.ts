/** Fused optimizer updates of the js backend: one loop over a parameter per step. */
import type { TypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, type JsKernel } from "./storage.js";

/**
 * Flush to zero, as the wasm kernels do: a slot value whose magnitude, stored in the slot's dtype, is
 * below that dtype's smallest normal number becomes 0 (geometrically decaying moments would otherwise
 * sink into the subnormal range, where arithmetic is slow). NaN passes unchanged.
 */
function flusher(slot: TypedArray | undefined, flush = true): (x: number) => number {
  if (!flush) return (x) => x;
  if (slot instanceof Float32Array) return (x) => (Math.abs(Math.fround(x)) < 2 ** -126 ? 0 : x);
  return (x) => (Math.abs(x) < 2 ** -1022 ? 0 : x);
}

/** Adam: the slots m (input 2) and v (input 3) are updated in place, out = the new parameter. */
export const adamUpdate: JsKernel<KernelAttrs["adamUpdate"]> = (inputs, out, { alpha, beta1, beta2, epsilon, flush }) => {
  const p = arg(inputs, 0).storage.data;
  const g = arg(inputs, 1).storage.data;
  const m = arg(inputs, 2).storage.data;
  const v = arg(inputs, 3).storage.data;
  const o = out.storage.data;
  const ftz = flusher(m, flush);
  for (let i = 0; i < o.length; i++) {
    const gi = g[i] as number;
    m[i] = ftz(beta1 * (m[i] as number) + (1 - beta1) * gi);
    v[i] = ftz(beta2 * (v[i] as number) + (1 - beta2) * gi * gi);
    o[i] = (p[i] as number) - (alpha * (m[i] as number)) / (Math.sqrt(v[i] as number) + epsilon);
  }
};

/** The other optimizers' rules (OptimizerUpdateAttrs): inputs [p, g, ...slots], slots updated in place. */
export const optimizerUpdate: JsKernel<KernelAttrs["optimizerUpdate"]> = (inputs, out, a) => {
  const [p, g, s1, s2, s3] = inputs.map((t) => t.storage.data) as [TypedArray, TypedArray, TypedArray?, TypedArray?, TypedArray?];
  const o = out.storage.data;
  const n = o.length;
  const at = (x: TypedArray | undefined, i: number): number => (x as TypedArray)[i] as number;
  const ftz = flusher(s1, a.flush);
  switch (a.rule) {
    case "sgd":
      for (let i = 0; i < n; i++) o[i] = at(p, i) - at(g, i) * a.lr;
      return;
    case "momentum":
      for (let i = 0; i < n; i++) {
        const gl = at(g, i) * a.lr;
        const v = ftz(at(s1, i) * a.momentum - gl);
        s1![i] = v;
        o[i] = a.nesterov ? at(p, i) + v * a.momentum - gl : at(p, i) + v;
      }
      return;
    case "rmsprop": {
      const avg = a.centered ? s2 : undefined;
      const mom = a.momentum > 0 ? (a.centered ? s3 : s2) : undefined;
      for (let i = 0; i < n; i++) {
        const gi = at(g, i);
        const v = ftz(at(s1, i) * a.rho + gi * gi * (1 - a.rho));
        s1![i] = v;
        let d = v + a.epsilon;
        if (avg) {
          const m = ftz(at(avg, i) * a.rho + gi * (1 - a.rho));
          avg[i] = m;
          d = v - m * m + a.epsilon;
        }
        let step = (gi * a.lr) / Math.sqrt(d);
        if (mom) {
          step = ftz(at(mom, i) * a.momentum + step);
          mom[i] = step;
        }
        o[i] = at(p, i) - step;
      }
      return;
    }
    case "adagrad":
      for (let i = 0; i < n; i++) {
        const gi = at(g, i);
        const acc = at(s1, i) + gi * gi;
        s1![i] = acc;
        o[i] = at(p, i) - (gi * a.lr) / Math.sqrt(acc + a.epsilon);
      }
      return;
    case "adadelta":
      for (let i = 0; i < n; i++) {
        const gi = at(g, i);
        const acc = ftz(at(s1, i) * a.rho + gi * gi * (1 - a.rho));
        s1![i] = acc;
        const d = at(s2, i);
        const delta = -((Math.sqrt(d + a.epsilon) / Math.sqrt(acc + a.epsilon)) * gi);
        s2![i] = ftz(d * a.rho + delta * delta * (1 - a.rho));
        o[i] = at(p, i) + delta * a.lr;
      }
      return;
    case "adamax":
      for (let i = 0; i < n; i++) {
        const gi = at(g, i);
        const m = ftz(at(s1, i) * a.beta1 + gi * (1 - a.beta1));
        const u = ftz(Math.max(at(s2, i) * a.beta2, Math.abs(gi)));
        s1![i] = m;
        s2![i] = u;
        o[i] = at(p, i) - (m * a.alpha) / (u + a.epsilon);
      }
      return;
    case "nadam":
      for (let i = 0; i < n; i++) {
        const gi = at(g, i);
        const m = ftz(at(s1, i) * a.beta1 + gi * (1 - a.beta1));
        const v = ftz(at(s2, i) * a.beta2 + gi * gi * (1 - a.beta2));
        s1![i] = m;
        s2![i] = v;
        const mHat = m * a.mScale + gi * a.gScale;
        o[i] = at(p, i) - (mHat * a.lr) / (Math.sqrt(v / a.vDiv) + a.epsilon);
      }
      return;
  }
};
