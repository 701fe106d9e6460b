/**
 * Nadam's one-pass rule (src/optim/nadam.ts); the scales carry its momentum schedule and bias
 * corrections. Slots [m, v]: m, v as Adam;  m̂ = mScale·m + gScale·g;  p ← p − lr·m̂ / (√(v / vDiv) + ε)
 * AssemblyScript: nadamF32 in src/backend/wasm/assembly/optim.ts. In float32 the step takes m̂ as 0
 * where lr·m̂ would be subnormal, as Adam's.
 */
import type { FlushAttr } from "../../backend/update-rules.js";
import { cutTiny, defineRule, ema, normalFloor } from "./define.js";

export interface NadamRuleAttrs extends FlushAttr {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  mScale: number;
  gScale: number;
  vDiv: number;
}

export const nadam = defineRule<NadamRuleAttrs>({
  slots: ["m", "v"],
  export: "nadamF32",
  params: ["lr", "beta1", "beta2", "epsilon", "mScale", "gScale", "vDiv", "flush"],
  js: (p, g, [s1, s2], a, ftz) => {
    const tiny = normalFloor(s1, a.lr);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const m = ftz(ema(s1![i]!, a.beta1, gi));
      const v = ftz(ema(s2![i]!, a.beta2, gi * gi));
      s1![i] = m;
      s2![i] = v;
      const mHat = cutTiny(m * a.mScale + gi * a.gScale, tiny);
      p[i] = p[i]! - (mHat * a.lr) / (Math.sqrt(v / a.vDiv) + a.epsilon);
    }
  },
});
