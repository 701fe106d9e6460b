/**
 * Adadelta's one-pass rule (src/optim/adadelta.ts). Slots [a, d]:
 *   a ← ρ·a + (1 − ρ)·g²;  Δ = −√(d + ε) / √(a + ε)·g;  d ← ρ·d + (1 − ρ)·Δ²;  p ← p + lr·Δ
 * AssemblyScript: adadeltaF32 in src/backend/wasm/assembly/optim.ts.
 */
import type { FlushAttr } from "../../backend/update-rules.js";
import { defineRule, ema } from "./define.js";

export interface AdadeltaRuleAttrs extends FlushAttr {
  lr: number;
  rho: number;
  epsilon: number;
}

export const adadelta = defineRule<AdadeltaRuleAttrs>({
  slots: ["accumulatedGrad", "accumulatedDelta"],
  export: "adadeltaF32",
  params: ["lr", "rho", "epsilon", "flush"],
  js: (p, g, [s1, s2], a, ftz) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const acc = ftz(ema(s1![i]!, a.rho, gi * gi));
      s1![i] = acc;
      const d = s2![i]!;
      const delta = -((Math.sqrt(d + a.epsilon) / Math.sqrt(acc + a.epsilon)) * gi);
      s2![i] = ftz(ema(d, a.rho, delta * delta));
      p[i] = p[i]! + delta * a.lr;
    }
  },
});
