/**
 * Regression losses (Keras 3 formulas): each averages over the last axis, then `bp.losses.*`
 * averages over the batch.
 *
 *   bp.losses.meanSquaredError(bp.tensor([[0, 1]]), bp.tensor([[1, 1]])).item();   // 0.5
 */
import { softplus } from "../ops/activation.js";
import { aligned, checkKeys, defineLoss, noOptions, positive } from "./define.js";

const EPS = 1e-7;
type NoOptions = Record<string, never>;

/**
 * mean((yTrue − yPred)², −1).
 *
 * @example
 * bp.losses.meanSquaredError(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[1, 3], [3, 2]])).item();   // => 1.25
 */
export const meanSquaredError = defineLoss<NoOptions, void>(
  "meanSquaredError",
  noOptions("meanSquaredError"),
  (yTrue, yPred) => {
    const [t, p] = aligned("meanSquaredError", yTrue, yPred);
    return t.sub(p).square().mean(-1);
  },
);

/**
 * mean(|yTrue − yPred|, −1).
 *
 * @example
 * bp.losses.meanAbsoluteError(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[1, 3], [3, 2]])).item();   // => 0.75
 */
export const meanAbsoluteError = defineLoss<NoOptions, void>(
  "meanAbsoluteError",
  noOptions("meanAbsoluteError"),
  (yTrue, yPred) => {
    const [t, p] = aligned("meanAbsoluteError", yTrue, yPred);
    return t.sub(p).abs().mean(-1);
  },
);

/**
 * mean((log(max(yPred, ε) + 1) − log(max(yTrue, ε) + 1))², −1), ε = 1e-7.
 *
 * @example
 * bp.losses.meanSquaredLogarithmicError(bp.tensor([[0]]), bp.tensor([[Math.E - 1]])).item();   // => 1
 */
export const meanSquaredLogarithmicError = defineLoss<NoOptions, void>(
  "meanSquaredLogarithmicError",
  noOptions("meanSquaredLogarithmicError"),
  (yTrue, yPred) => {
    const [t, p] = aligned("meanSquaredLogarithmicError", yTrue, yPred);
    const logP = p.maximum(EPS).add(1).log();
    const logT = t.maximum(EPS).add(1).log();
    return logP.sub(logT).square().mean(-1);
  },
);

/**
 * Options of the huber loss: where it turns from quadratic to linear.
 *
 * @example
 * const options: bp.losses.HuberOptions = { delta: 1.5 };
 * bp.losses.huber(bp.tensor([[0]]), bp.tensor([[1]]), options).item();   // => 0.5
 */
export interface HuberOptions {
  /** Where the loss turns from quadratic to linear; default 1. */
  delta?: number;
}

/**
 * With e = yPred − yTrue: ½e² where |e| ≤ δ, else δ·|e| − ½δ²; mean over −1 (δ defaults to 1).
 *
 * @example
 * bp.losses.huber(bp.tensor([[0, 0]]), bp.tensor([[0.5, 3]])).item();   // => 1.3125
 * bp.losses.huber(bp.tensor([[0]]), bp.tensor([[3]]), { delta: 2 }).item();   // => 4
 */
export const huber = defineLoss(
  "huber",
  (o: HuberOptions) => {
    checkKeys("huber", o, ["delta"]);
    return positive("huber", "delta", o.delta, 1);
  },
  (yTrue, yPred, delta) => {
    const [t, p] = aligned("huber", yTrue, yPred);
    const e = p.sub(t);
    const absE = e.abs();
    const quadratic = e.square().mul(0.5);
    const linear = absE.mul(delta).sub(0.5 * delta * delta);
    return absE.lessEqual(delta).where(quadratic, linear).mean(-1);
  },
);

/**
 * mean(log(cosh(yPred − yTrue)), −1), computed as e + softplus(−2e) − log 2 so large errors stay finite.
 *
 * @example
 * bp.losses.logCosh(bp.tensor([[0]]), bp.tensor([[1]])).item();   // => 0.4337808
 */
export const logCosh = defineLoss<NoOptions, void>("logCosh", noOptions("logCosh"), (yTrue, yPred) => {
  const [t, p] = aligned("logCosh", yTrue, yPred);
  const e = p.sub(t);
  return e
    .add(softplus(e.mul(-2)))
    .sub(Math.LN2)
    .mean(-1);
});
