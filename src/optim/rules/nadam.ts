/**
 * Nadam's one-pass rule (src/optim/nadam.ts); the scales carry its momentum schedule and bias
 * corrections. Slots [m, v]: m, v as Adam;  m̂ = mScale·m + gScale·g;  p ← p − lr·m̂ / (√(v / vDiv) + ε)
 * AssemblyScript: nadamF32 in src/backend/wasm/assembly/optim.ts. In float32 the step takes m̂ as 0
 * where lr·m̂ would be subnormal, as Adam's.
 */
import type { FlushAttr, RuleSpec } from "../../backend/update-rules.js";
import { cutTiny, flusher, flushFlag, normalFloor } from "./flush.js";

export interface NadamRuleAttrs extends FlushAttr {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  mScale: number;
  gScale: number;
  vDiv: number;
}

declare module "../../backend/update-rules.js" {
  interface UpdateRuleAttrs {
    nadam: NadamRuleAttrs;
  }
}

export const nadam: RuleSpec<NadamRuleAttrs> = {
  slots: () => ["m", "v"],
  js: (p, g, [s1, s2], a) => {
    const ftz = flusher(s1, a.flush);
    const tiny = normalFloor(s1, a.lr);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const m = ftz(s1![i]! * a.beta1 + gi * (1 - a.beta1));
      const v = ftz(s2![i]! * a.beta2 + gi * gi * (1 - a.beta2));
      s1![i] = m;
      s2![i] = v;
      const mHat = cutTiny(m * a.mScale + gi * a.gScale, tiny);
      p[i] = p[i]! - (mHat * a.lr) / (Math.sqrt(v / a.vDiv) + a.epsilon);
    }
  },
  wasm: {
    export: "nadamF32",
    params: (a) => [a.lr, a.beta1, a.beta2, a.epsilon, a.mScale, a.gScale, a.vDiv, flushFlag(a.flush)],
  },
};
