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

/**
 * Fused updates flush subnormal slot values to zero on every FLUSH_EVERY-th step (t, 1-based): a
 * moment decaying by β = 0.9 spends at most that many steps in the subnormal range instead of ~150
 * (β2 = 0.999: ~7,000), while the check runs on one step in sixteen.
 */
export const FLUSH_EVERY = 16;

export function flushDue(t: number): boolean {
  return t % FLUSH_EVERY === 0;
}

/** The fused update of step t when fusable (slots updated in place, none returned), else undefined. */
export function fusedStep(p: Tensor, g: Tensor, slots: readonly Tensor[], attrs: OptimizerUpdateAttrs, t: number): Tensor | undefined {
  return fusable(p, g, slots) ? optimizerUpdate([p, g, ...slots], { ...attrs, flush: flushDue(t) }) : undefined;
}
