/**
 * SGD's one-pass rules (src/optim/sgd.ts). AssemblyScript: sgdF32 and momentumF32 in
 * src/backend/wasm/assembly/optim.ts.
 * - sgd, no slots: p ← p − lr·g
 * - momentum, slots [v]: v ← μ·v − lr·g; p ← p + v, or with Nesterov p ← p + μ·v − lr·g
 */
import type { FlushAttr } from "../../backend/update-rules.js";
import { defineRule } from "./define.js";

export interface SgdRuleAttrs extends FlushAttr {
  lr: number;
}

export interface MomentumRuleAttrs extends SgdRuleAttrs {
  momentum: number;
  nesterov: boolean;
}

export const sgd = defineRule<SgdRuleAttrs>({
  slots: [],
  export: "sgdF32",
  params: ["lr"],
  js: (p, g, _slots, { lr }) => {
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - g[i]! * lr;
  },
});

export const momentum = defineRule<MomentumRuleAttrs>({
  slots: ["velocity"],
  export: "momentumF32",
  params: ["lr", "momentum", "nesterov", "flush"],
  js: (p, g, [s], a, ftz) => {
    for (let i = 0; i < p.length; i++) {
      const gl = g[i]! * a.lr;
      const v = ftz(s![i]! * a.momentum - gl);
      s![i] = v;
      p[i] = a.nesterov ? p[i]! + v * a.momentum - gl : p[i]! + v;
    }
  },
});
