/**
 * Hinge losses for maximum-margin classifiers (Keras 3 formulas). hinge and squaredHinge take
 * labels in {−1, 1}, or in {0, 1}, which are mapped to {−1, 1} first (only when every label is 0 or 1).
 *
 *   bp.losses.hinge(bp.tensor([[0], [1]]), bp.tensor([[-0.5], [2]])).item();   // 0.25
 *
 * Two multiclass forms: multiclassHinge is the multiclass SVM loss of the lectures (Weston–Watkins),
 * a sum over every wrong class; categoricalHinge (Keras's, Crammer–Singer) takes only the largest.
 */
import { ValueError } from "../errors.js";
import { oneHot } from "../ops/shape-ops.js";
import { sameShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { classLabels } from "./crossentropy.js";
import { aligned, checkKeys, checkPred, checkTrue, defineLoss, noOptions, numberIn } from "./define.js";

type NoOptions = Record<string, never>;

/** 0/1 labels become −1/1; any other labels are used as given. */
function signedLabels(t: Tensor): Tensor {
  const data = t.dataSync();
  const binary = data.every((v) => v === 0 || v === 1);
  return binary ? t.mul(2).sub(1) : t;
}

/**
 * mean(max(1 − y·yPred, 0), −1).
 *
 * @example
 * bp.losses.hinge(bp.tensor([[1], [0]]), bp.tensor([[0.3], [-2]])).item();   // => 0.35
 */
export const hinge = defineLoss<NoOptions, void>("hinge", noOptions("hinge"), (yTrue, yPred) => {
  const [t, p] = aligned("hinge", yTrue, yPred);
  return signedLabels(t).mul(p).neg().add(1).relu().mean(-1);
});

/**
 * mean(max(1 − y·yPred, 0)², −1).
 *
 * @example
 * bp.losses.squaredHinge(bp.tensor([[1], [0]]), bp.tensor([[0.3], [-2]])).item();   // => 0.245
 */
export const squaredHinge = defineLoss<NoOptions, void>(
  "squaredHinge",
  noOptions("squaredHinge"),
  (yTrue, yPred) => {
    const [t, p] = aligned("squaredHinge", yTrue, yPred);
    return signedLabels(t).mul(p).neg().add(1).relu().square().mean(-1);
  },
);

/**
 * max(neg − pos + 1, 0) with pos = Σ y·yPred and neg = max((1 − y)·yPred) over the last axis; y one-hot.
 *
 * @example
 * // max form: max(0, 1 + max_{j≠y} s_j − s_y) (multiclassHinge is the lectures' sum form)
 * bp.losses.categoricalHinge(bp.tensor([[0, 1, 0]]), bp.tensor([[0.5, 0.8, 0.6]])).item();   // => 0.8
 */
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

/**
 * Options of multiclassHinge: the margin Δ.
 *
 * @example
 * const options: bp.losses.MulticlassHingeOptions = { margin: 0.5 };
 * bp.losses.multiclassHinge(bp.tensor([1]), bp.tensor([[1, 1]]), options).item();   // => 0.5
 */
export interface MulticlassHingeOptions {
  /** Δ, how far the right class's score must lead every other; default 1. */
  margin?: number;
}

/** yTrue as one-hot rows of yPred's dtype: integer class indices are encoded, one-hot rows are checked. */
function oneHotLabels(name: string, yTrue: Tensor, p: Tensor): Tensor {
  const classes = p.shape[p.rank - 1] as number;
  if (!sameShape(yTrue.shape, p.shape) || classes === 1) return oneHot(classLabels(name, yTrue, p), classes).reshape(p.shape).cast(p.dtype);
  const data = yTrue.dataSync();
  for (let r = 0; r < data.length; r += classes) {
    let ones = 0;
    for (let j = r; j < r + classes; j++) {
      const v = data[j] as number;
      if (v !== 0 && v !== 1) throw new ValueError(`${name}: yTrue is not one-hot: value ${v} in row ${r / classes}; expected 0 or 1, or integer class indices`);
      ones += v;
    }
    if (ones !== 1) throw new ValueError(`${name}: yTrue row ${r / classes} has ${ones} ones; a one-hot row has exactly one`);
  }
  return yTrue.dtype === p.dtype ? yTrue : yTrue.cast(p.dtype);
}

/**
 * The multiclass SVM loss: Σ_{j≠y} max(0, s_j − s_y + Δ) over the classes j of each sample, with
 * scores s (raw, not probabilities) and the right class y given as an integer index or one-hot.
 *
 * @example
 * bp.losses.multiclassHinge(bp.tensor([0]), bp.tensor([[3.2, 5.1, -1.7]])).item();   // => 2.9
 * bp.losses.multiclassHinge(bp.tensor([[1, 0, 0]]), bp.tensor([[3.2, 5.1, -1.7]]), { margin: 2 }).item();   // => 3.9
 */
export const multiclassHinge = defineLoss(
  "multiclassHinge",
  (o: MulticlassHingeOptions) => {
    checkKeys("multiclassHinge", o, ["margin"]);
    return numberIn("multiclassHinge", "margin", o.margin, 0, Number.MAX_VALUE, 1);
  },
  (yTrue, yPred, margin) => {
    const p = checkPred("multiclassHinge", yPred);
    const y = oneHotLabels("multiclassHinge", checkTrue("multiclassHinge", yTrue), p);
    const right = y.mul(p).sum(-1, true);
    // every class's margin violation, the right class's own term (always Δ) masked out
    return p.sub(right).add(margin).relu().mul(y.neg().add(1)).sum(-1);
  },
);
