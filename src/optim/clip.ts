/**
 * Gradient clipping as Keras 3 applies it before an update: clipNorm rescales each gradient tensor
 * whose L2 norm exceeds it, globalClipNorm rescales all of them together by their joint norm, and
 * clipValue clips every element to [−v, v].
 *
 *   bp.optimizers.sgd({ learningRate: 0.1, clipNorm: 1 });
 */
import type { Tensor } from "../tensor/tensor.js";

/**
 * g · c / max(‖g‖, c): unchanged when ‖g‖ ≤ c, else rescaled to norm c.
 *
 * @example
 * bp.optimizers.clipByNorm(bp.tensor([3, 4]), 1);   // => [0.6, 0.8]
 * bp.optimizers.clipByNorm(bp.tensor([0.3, 0.4]), 1);   // => [0.3, 0.4]
 */
export function clipByNorm(g: Tensor, clipNorm: number): Tensor {
  const norm = g.square().sum().sqrt();
  return g.mul(clipNorm).div(norm.maximum(clipNorm));
}

/**
 * Every g · c / max(‖(g1, g2, ...)‖, c), the norm taken over all the tensors at once.
 *
 * @example
 * const [a, b] = bp.optimizers.clipByGlobalNorm([bp.tensor([3]), bp.tensor([4])], 1);   // joint norm 5 → 1
 * a;   // => [0.6]
 * b;   // => [0.8]
 */
export function clipByGlobalNorm(grads: readonly Tensor[], clipNorm: number): Tensor[] {
  if (grads.length === 0) return [];
  const squares = grads.map((g) => g.square().sum());
  const norm = squares.reduce((a, b) => a.add(b)).sqrt();
  const scale = norm.maximum(clipNorm).reciprocal().mul(clipNorm);
  return grads.map((g) => g.mul(scale.cast(g.dtype)));
}

/**
 * clip(g, −v, v) element-wise.
 *
 * @example
 * bp.optimizers.clipByValue(bp.tensor([-5, 0.5, 5]), 1);   // => [-1, 0.5, 1]
 */
export function clipByValue(g: Tensor, clipValue: number): Tensor {
  return g.clip(-clipValue, clipValue);
}

/** The clipping an optimizer's options ask for, applied to all of a step's gradients (at most one is set). */
export function clipGradients(
  grads: Tensor[],
  { clipNorm, globalClipNorm, clipValue }: { clipNorm?: number; globalClipNorm?: number; clipValue?: number },
): Tensor[] {
  if (clipNorm !== undefined) return grads.map((g) => clipByNorm(g, clipNorm));
  if (globalClipNorm !== undefined) return clipByGlobalNorm(grads, globalClipNorm);
  if (clipValue !== undefined) return grads.map((g) => clipByValue(g, clipValue));
  return grads;
}
