/**
 * Adamax's one-pass rule (src/optim/adamax.ts), α = lr / (1 − β1ᵗ). Slots [m, u]:
 *   m ← β1·m + (1 − β1)·g;  u ← max(β2·u, |g|);  p ← p − α·m / (u + ε)
 * AssemblyScript: adamaxF32 in src/backend/wasm/assembly/optim.ts. In float32 the step takes m as 0
 * where α·m would be subnormal, as Adam's.
 */
import type { AdamRuleAttrs } from "./adam.js";
import { cutTiny, defineRule, ema, normalFloor } from "./define.js";

/** Adam's attributes (α, β1, β2, ε). */
export const adamax = defineRule<AdamRuleAttrs>({
  slots: ["m", "u"],
  export: "adamaxF32",
  params: ["alpha", "beta1", "beta2", "epsilon", "flush"],
  js: (p, g, [s1, s2], a, ftz) => {
    const tiny = normalFloor(s1, a.alpha);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const m = ftz(ema(s1![i]!, a.beta1, gi));
      const u = ftz(Math.max(s2![i]! * a.beta2, Math.abs(gi)));
      s1![i] = m;
      s2![i] = u;
      p[i] = p[i]! - (cutTiny(m, tiny) * a.alpha) / (u + a.epsilon);
    }
  },
});
