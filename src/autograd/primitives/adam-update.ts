import { primitive } from "../primitive.js";
import { checkUpdate } from "./update-checks.js";

/**
 * One Adam step over a parameter in a single pass (what optimizers call; not differentiable). Inputs
 * [p, g, m, v] share one float dtype and shape; the slots m and v are updated in place — they must be
 * an optimizer's own slot variables, whose storage nothing else shares — and the new parameter is
 * returned:
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,   p' = p − α·m / (√v + ε)
 *
 *   const p2 = adamUpdate([p, g, m, v], { alpha: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 */
export const adamUpdate = primitive({
  name: "adamUpdate",
  output: (inputs, a) => checkUpdate("adamUpdate", ["p", "g", "m", "v"], inputs, { ...a }),
});
