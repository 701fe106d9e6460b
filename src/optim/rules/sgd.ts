/**
 * SGD's one-pass rules (src/optim/sgd.ts). AssemblyScript: sgdF32 and momentumF32 in
 * src/backend/wasm/assembly/optim.ts.
 * - sgd, no slots: p ← p − lr·g
 * - momentum, slots [v]: v ← μ·v − lr·g; p ← p + v, or with Nesterov p ← p + μ·v − lr·g
 */
import type { FlushAttr, RuleSpec } from "../../backend/update-rules.js";
import { flusher, flushFlag } from "./flush.js";

export interface SgdRuleAttrs extends FlushAttr {
  lr: number;
}

export interface MomentumRuleAttrs extends FlushAttr {
  lr: number;
  momentum: number;
  nesterov: boolean;
}

declare module "../../backend/update-rules.js" {
  interface UpdateRuleAttrs {
    sgd: SgdRuleAttrs;
    momentum: MomentumRuleAttrs;
  }
}

export const sgd: RuleSpec<SgdRuleAttrs> = {
  slots: () => [],
  js: (p, g, _slots, { lr }) => {
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - g[i]! * lr;
  },
  wasm: { export: "sgdF32", params: (a) => [a.lr] },
};

export const momentum: RuleSpec<MomentumRuleAttrs> = {
  slots: () => ["velocity"],
  js: (p, g, [s], a) => {
    const ftz = flusher(s, a.flush);
    for (let i = 0; i < p.length; i++) {
      const gl = g[i]! * a.lr;
      const v = ftz(s![i]! * a.momentum - gl);
      s![i] = v;
      p[i] = a.nesterov ? p[i]! + v * a.momentum - gl : p[i]! + v;
    }
  },
  wasm: { export: "momentumF32", params: (a) => [a.lr, a.momentum, a.nesterov ? 1 : 0, flushFlag(a.flush)] },
};
