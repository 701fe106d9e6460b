/**
 * Hinge losses for maximum-margin classifiers (Keras 3 formulas). hinge and squaredHinge take
 * labels in {−1, 1}, or in {0, 1}, which are mapped to {−1, 1} first (only when every label is 0 or 1).
 *
 *   bp.losses.hinge(bp.tensor([[0], [1]]), bp.tensor([[-0.5], [2]])).item();   // 0.25
 */
import type { Tensor } from "../tensor/tensor.js";
import { aligned, defineLoss, noOptions } from "./define.js";

type NoOptions = Record<string, never>;

/** 0/1 labels become −1/1; any other labels are used as given. */
function signedLabels(t: Tensor): Tensor {
  const data = t.dataSync();
  const binary = data.every((v) => v === 0 || v === 1);
  return binary ? t.mul(2).sub(1) : t;
}

/** mean(max(1 − y·yPred, 0), −1). */
export const hinge = defineLoss<NoOptions, void>("hinge", noOptions("hinge"), (yTrue, yPred) => {
  const [t, p] = aligned("hinge", yTrue, yPred);
  return signedLabels(t).mul(p).neg().add(1).relu().mean(-1);
});

/** mean(max(1 − y·yPred, 0)², −1). */
export const squaredHinge = defineLoss<NoOptions, void>(
  "squaredHinge",
  noOptions("squaredHinge"),
  (yTrue, yPred) => {
    const [t, p] = aligned("squaredHinge", yTrue, yPred);
    return signedLabels(t).mul(p).neg().add(1).relu().square().mean(-1);
  },
);

/** max(neg − pos + 1, 0) with pos = Σ y·yPred and neg = max((1 − y)·yPred) over the last axis; y one-hot. */
export const categoricalHinge = defineLoss<NoOptions, void>(
  "categoricalHinge",
  noOptions("categoricalHinge"),
  (yTrue, yPred) => {
    const [t, p] = aligned("categoricalHinge", yTrue, yPred);
    const pos = t.mul(p).sum(-1);
    const neg = t.neg().add(1).mul(p).max(-1);
    return neg.sub(pos).add(1).relu();
  },
);
