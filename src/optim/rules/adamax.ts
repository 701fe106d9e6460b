/**
 * Adamax's one-pass rule (src/optim/adamax.ts), α = lr / (1 − β1ᵗ). Slots [m, u]:
 *   m ← β1·m + (1 − β1)·g;  u ← max(β2·u, |g|);  p ← p − α·m / (u + ε)
 * AssemblyScript: adamaxF32 in src/backend/wasm/assembly/optim.ts. In float32 the step takes m as 0
 * where α·m would be subnormal, as Adam's.
 */
import type { FlushAttr, RuleSpec } from "../../backend/update-rules.js";
import { cutTiny, flusher, flushFlag, normalFloor } from "./flush.js";

export interface AdamaxRuleAttrs extends FlushAttr {
  alpha: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

declare module "../../backend/update-rules.js" {
  interface UpdateRuleAttrs {
    adamax: AdamaxRuleAttrs;
  }
}

export const adamax: RuleSpec<AdamaxRuleAttrs> = {
  slots: () => ["m", "u"],
  js: (p, g, [s1, s2], a) => {
    const ftz = flusher(s1, a.flush);
    const tiny = normalFloor(s1, a.alpha);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const m = ftz(s1![i]! * a.beta1 + gi * (1 - a.beta1));
      const u = ftz(Math.max(s2![i]! * a.beta2, Math.abs(gi)));
      s1![i] = m;
      s2![i] = u;
      p[i] = p[i]! - (cutTiny(m, tiny) * a.alpha) / (u + a.epsilon);
    }
  },
  wasm: { export: "adamaxF32", params: (a) => [a.alpha, a.beta1, a.beta2, a.epsilon, flushFlag(a.flush)] },
};
