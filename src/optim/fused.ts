/**
 * When an optimizer may take its fused one-pass update (the adamUpdate and optimizerUpdate
 * primitives) instead of its formula written with ops: the kernels update the slots in place, so the
 * slots must be the optimizer's own variables — storage shared with nothing, p included — and every
 * input must have p's dtype. Otherwise (a caller's own tensors as slots) the formula runs.
 */
import { optimizerUpdate } from "../autograd/primitives/optimizer-update.js";
import type { OptimizerUpdateAttrs } from "../backend/kernel-attrs.js";
import { Tensor, Variable } from "../tensor/tensor.js";

export function fusable(p: Tensor, g: Tensor, slots: readonly Tensor[]): boolean {
  const own = (t: Tensor): boolean => t instanceof Variable && t.storage.refCount === 1 && t.dtype === p.dtype && t.storage !== p.storage;
  return g.dtype === p.dtype && slots.every(own);
}

/** The fused update when fusable (slots updated in place, none returned), else undefined. */
export function fusedStep(p: Tensor, g: Tensor, slots: readonly Tensor[], attrs: OptimizerUpdateAttrs): Tensor | undefined {
  return fusable(p, g, slots) ? optimizerUpdate([p, g, ...slots], attrs) : undefined;
}
