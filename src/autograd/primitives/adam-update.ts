import { isFloat } from "../../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

const NAMES = ["p", "g", "m", "v"] as const;

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
  output: (inputs, a) => {
    const [p, ...rest] = NAMES.map((_, i) => input("adamUpdate", inputs, i));
    for (const [i, t] of [p!, ...rest].entries()) {
      if (!isFloat(t.dtype) || t.dtype !== p!.dtype) {
        throw new DTypeError(`adamUpdate: ${NAMES[i]} must be a float tensor of p's dtype ${p!.dtype}, got ${t.dtype}`);
      }
      if (t.rank !== p!.rank || t.shape.some((d, k) => d !== p!.shape[k])) {
        throw new ShapeError(`adamUpdate: ${NAMES[i]} shape ${fmtShape(t.shape)} differs from p shape ${fmtShape(p!.shape)}`);
      }
    }
    for (const [i, slot] of [rest[1]!, rest[2]!].entries()) {
      const others = [p!, rest[0]!, i === 0 ? rest[2]! : rest[1]!];
      if (slot.storage.refCount !== 1 || others.some((o) => o.storage === slot.storage)) {
        throw new ValueError(`adamUpdate: slot ${i === 0 ? "m" : "v"} shares its storage with another tensor; pass the optimizer's own slot variables`);
      }
    }
    for (const k of ["alpha", "beta1", "beta2", "epsilon"] as const) {
      if (typeof a[k] !== "number" || !Number.isFinite(a[k])) throw new ValueError(`adamUpdate: ${k} must be a finite number, got ${String(a[k])}`);
    }
    return { shape: [...p!.shape], dtype: p!.dtype };
  },
});
