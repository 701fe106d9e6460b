/**
 * Adadelta's one-pass rule (src/optim/adadelta.ts). Slots [a, d]:
 *   a ← ρ·a + (1 − ρ)·g²;  Δ = −√(d + ε) / √(a + ε)·g;  d ← ρ·d + (1 − ρ)·Δ²;  p ← p + lr·Δ
 * AssemblyScript: adadeltaF32 in src/backend/wasm/assembly/optim.ts.
 */
import type { FlushAttr, RuleSpec } from "../../backend/update-rules.js";
import { flusher, flushFlag } from "./flush.js";

export interface AdadeltaRuleAttrs extends FlushAttr {
  lr: number;
  rho: number;
  epsilon: number;
}

declare module "../../backend/update-rules.js" {
  interface UpdateRuleAttrs {
    adadelta: AdadeltaRuleAttrs;
  }
}

export const adadelta: RuleSpec<AdadeltaRuleAttrs> = {
  slots: () => ["accumulatedGrad", "accumulatedDelta"],
  js: (p, g, [s1, s2], a) => {
    const ftz = flusher(s1, a.flush);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const acc = ftz(s1![i]! * a.rho + gi * gi * (1 - a.rho));
      s1![i] = acc;
      const d = s2![i]!;
      const delta = -((Math.sqrt(d + a.epsilon) / Math.sqrt(acc + a.epsilon)) * gi);
      s2![i] = ftz(d * a.rho + delta * delta * (1 - a.rho));
      p[i] = p[i]! + delta * a.lr;
    }
  },
  wasm: { export: "adadeltaF32", params: (a) => [a.lr, a.rho, a.epsilon, flushFlag(a.flush)] },
};
