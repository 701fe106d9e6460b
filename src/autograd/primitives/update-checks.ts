/** Input checks shared by the fused optimizer updates (adamUpdate, optimizerUpdate). */
import { isFloat } from "../../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { OutputSpec } from "../primitive.js";
import { input } from "./rules.js";

/**
 * Inputs named `names` ([p, g, ...slots]) share p's float dtype and shape; each slot (from index 2)
 * is updated in place, so its storage must be its own (an optimizer's slot variable): shared with
 * nothing, not even another input. `hyper` values must be finite numbers.
 */
export function checkUpdate(op: string, names: readonly string[], inputs: readonly Tensor[], hyper: Record<string, unknown>): OutputSpec {
  if (inputs.length !== names.length) {
    throw new ValueError(`${op}: expected ${names.length} inputs (${names.join(", ")}), got ${inputs.length}`);
  }
  const ts = names.map((_, i) => input(op, inputs, i));
  const p = ts[0]!;
  for (const [i, t] of ts.entries()) {
    if (!isFloat(t.dtype) || t.dtype !== p.dtype) {
      throw new DTypeError(`${op}: ${names[i]} must be a float tensor of p's dtype ${p.dtype}, got ${t.dtype}`);
    }
    if (t.rank !== p.rank || t.shape.some((d, k) => d !== p.shape[k])) {
      throw new ShapeError(`${op}: ${names[i]} shape ${fmtShape(t.shape)} differs from p shape ${fmtShape(p.shape)}`);
    }
  }
  for (let i = 2; i < ts.length; i++) {
    const slot = ts[i]!;
    if (slot.storage.refCount !== 1 || ts.some((o, k) => k !== i && o.storage === slot.storage)) {
      throw new ValueError(`${op}: slot ${names[i]} shares its storage with another tensor; pass the optimizer's own slot variables`);
    }
  }
  for (const [k, v] of Object.entries(hyper)) {
    if (typeof v === "boolean" || typeof v === "string") continue;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`${op}: ${k} must be a finite number, got ${String(v)}`);
  }
  return { shape: [...p.shape], dtype: p.dtype };
}
