/**
 * Adagrad's one-pass rule (src/optim/adagrad.ts). Slots [a]:  a ← a + g²;  p ← p − lr·g / √(a + ε)
 * AssemblyScript: adagradF32 in src/backend/wasm/assembly/optim.ts. Nothing decays, nothing is flushed.
 */
import type { FlushAttr, RuleSpec } from "../../backend/update-rules.js";

export interface AdagradRuleAttrs extends FlushAttr {
  lr: number;
  epsilon: number;
}

declare module "../../backend/update-rules.js" {
  interface UpdateRuleAttrs {
    adagrad: AdagradRuleAttrs;
  }
}

export const adagrad: RuleSpec<AdagradRuleAttrs> = {
  slots: () => ["accumulator"],
  js: (p, g, [s], a) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const acc = s![i]! + gi * gi;
      s![i] = acc;
      p[i] = p[i]! - (gi * a.lr) / Math.sqrt(acc + a.epsilon);
    }
  },
  wasm: { export: "adagradF32", params: (a) => [a.lr, a.epsilon] },
};
