/**
 * Adagrad's one-pass rule (src/optim/adagrad.ts). Slots [a]:  a ← a + g²;  p ← p − lr·g / √(a + ε)
 * AssemblyScript: adagradF32 in src/backend/wasm/assembly/optim.ts. Nothing decays, nothing is flushed.
 */
import type { FlushAttr } from "../../backend/update-rules.js";
import { defineRule } from "./define.js";

export interface AdagradRuleAttrs extends FlushAttr {
  lr: number;
  epsilon: number;
}

export const adagrad = defineRule<AdagradRuleAttrs>({
  slots: ["accumulator"],
  export: "adagradF32",
  params: ["lr", "epsilon"],
  js: (p, g, [s], a) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const acc = s![i]! + gi * gi;
      s![i] = acc;
      p[i] = p[i]! - (gi * a.lr) / Math.sqrt(acc + a.epsilon);
    }
  },
});
