/**
 * Adam's one-pass rule (src/optim/adam.ts): α already includes the bias corrections.
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,   p ← p − α·m / (√v + ε)
 * Slots [m, v]; AssemblyScript: adamF32 in src/backend/wasm/assembly/optim.ts. In float32 the step
 * takes m as 0 where α·m would be subnormal, as there (that product takes the slow path).
 */
import type { FlushAttr } from "../../backend/update-rules.js";
import { cutTiny, defineRule, ema, normalFloor } from "./define.js";

export interface AdamRuleAttrs extends FlushAttr {
  alpha: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const adam = defineRule<AdamRuleAttrs>({
  slots: ["m", "v"],
  export: "adamF32",
  params: ["alpha", "beta1", "beta2", "epsilon", "flush"],
  js: (p, g, [m, v], { alpha, beta1, beta2, epsilon }, ftz) => {
    const tiny = normalFloor(m, alpha);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      m![i] = ftz(ema(m![i]!, beta1, gi));
      v![i] = ftz(ema(v![i]!, beta2, gi * gi));
      p[i] = p[i]! - (alpha * cutTiny(m![i]!, tiny)) / (Math.sqrt(v![i]!) + epsilon);
    }
  },
});
