/**
 * Losses between distributions and directions (Keras 3 formulas).
 *
 *   bp.losses.kullbackLeiblerDivergence(pTrue, pPred);   // Σ t·log(t / p), clipped at 1e-7
 */
import type { Tensor } from "../tensor/tensor.js";
import { aligned, defineLoss, noOptions } from "./define.js";

const EPS = 1e-7;
type NoOptions = Record<string, never>;

/**
 * Σ t·log(t / p) over the last axis, with t = clip(yTrue, ε, 1) and p = clip(yPred, ε, 1), ε = 1e-7.
 *
 * @example
 * bp.losses.kullbackLeiblerDivergence(bp.tensor([[0.5, 0.5]]), bp.tensor([[0.5, 0.5]])).item();   // => 0
 * bp.losses.kullbackLeiblerDivergence(bp.tensor([[1, 0]]), bp.tensor([[0.5, 0.5]])).item();   // => 0.6931472
 */
export const kullbackLeiblerDivergence = defineLoss<NoOptions, void>(
  "kullbackLeiblerDivergence",
  noOptions("kullbackLeiblerDivergence"),
  (yTrue, yPred) => {
    const [t0, p0] = aligned("kullbackLeiblerDivergence", yTrue, yPred);
    const t = t0.clip(EPS, 1);
    const p = p0.clip(EPS, 1);
    return t.mul(t.div(p).log()).sum(-1);
  },
);

/**
 * x / ‖x‖ over the last axis, with ‖x‖ floored at ε = 1e-7 (‖x‖² at ε²), as Keras 3's
 * ops.normalize (tf.math.l2_normalize floors ‖x‖² at 1e-12 instead). Floored before the rsqrt, so a
 * zero vector gives 0 with a finite gradient.
 */
function l2Normalize(x: Tensor): Tensor {
  const squaredNorm = x.square().sum(-1, true);
  return x.mul(squaredNorm.maximum(EPS * EPS).rsqrt());
}

/**
 * −cos(yTrue, yPred) over the last axis: −1 for the same direction, 1 for opposite ones (Keras's
 * CosineSimilarity loss, to be minimized).
 *
 * @example
 * bp.losses.cosineSimilarity(bp.tensor([[1, 0]]), bp.tensor([[2, 0]])).item();   // => -1
 * bp.losses.cosineSimilarity(bp.tensor([[1, 0]]), bp.tensor([[0, 3]])).item();   // => 0
 */
export const cosineSimilarity = defineLoss<NoOptions, void>(
  "cosineSimilarity",
  noOptions("cosineSimilarity"),
  (yTrue, yPred) => {
    const [t, p] = aligned("cosineSimilarity", yTrue, yPred);
    return l2Normalize(t).mul(l2Normalize(p)).sum(-1).neg();
  },
);
