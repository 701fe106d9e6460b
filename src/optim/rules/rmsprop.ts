/**
 * RMSprop's one-pass rule (src/optim/rmsprop.ts). Slots [v, (a if centered), (m if μ > 0)]:
 *   v ← ρ·v + (1 − ρ)·g²; centered: a ← ρ·a + (1 − ρ)·g, d = v − a² + ε, else d = v + ε;
 *   Δ = lr·g / √d; with momentum m ← μ·m + Δ; p ← p − (m or Δ)
 * AssemblyScript: rmspropF32 in src/backend/wasm/assembly/optim.ts (a missing slot's pointer is 0).
 * In float32, a² is taken as 0 where it would be subnormal (that product takes the slow path).
 */
import type { FlushAttr } from "../../backend/update-rules.js";
import { cutTiny, defineRule, ema } from "./define.js";

export interface RmspropRuleAttrs extends FlushAttr {
  lr: number;
  rho: number;
  epsilon: number;
  momentum: number;
  centered: boolean;
}

export const rmsprop = defineRule<RmspropRuleAttrs>({
  slots: (a) => [
    "velocity",
    ...(a.centered ? ["averageGradient"] : []),
    ...(a.momentum > 0 ? ["momentum"] : []),
  ],
  export: "rmspropF32",
  pointers: ([v, s2 = 0, s3 = 0], a) => [
    v ?? 0,
    a.centered ? s2 : 0,
    a.momentum > 0 ? (a.centered ? s3 : s2) : 0,
  ],
  params: ["lr", "rho", "epsilon", "momentum", "flush"],
  js: (p, g, [s1, s2, s3], a, ftz) => {
    const avg = a.centered ? s2 : undefined;
    const mom = a.momentum > 0 ? (a.centered ? s3 : s2) : undefined;
    const tinyAvg = s1 instanceof Float32Array ? 2 ** -63 : 0; // a² < FLT_MIN
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const v = ftz(ema(s1![i]!, a.rho, gi * gi));
      s1![i] = v;
      let d = v + a.epsilon;
      if (avg) {
        const m = ftz(ema(avg[i]!, a.rho, gi));
        avg[i] = m;
        const mc = cutTiny(m, tinyAvg);
        d = v - mc * mc + a.epsilon;
      }
      let step = (gi * a.lr) / Math.sqrt(d);
      if (mom) {
        step = ftz(mom[i]! * a.momentum + step);
        mom[i] = step;
      }
      p[i] = p[i]! - step;
    }
  },
});
