/**
 * Cross-entropies (Keras 3 formulas). Probabilities are clipped to [ε, 1 − ε] (ε = 1e-7) before the
 * log; with `fromLogits: true` the loss is computed from raw scores with log-sum-exp / a stable
 * softplus, never as log(softmax(x)), so it stays finite for logits of any size.
 *
 *   bp.losses.categoricalCrossentropy(yOneHot, probs);
 *   bp.losses.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true });
 */
import { checkedRead } from "../tensor/capture.js";
import * as P from "../autograd/primitives/index.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { softmaxLogits } from "../ops/activation.js";
import { oneHot } from "../ops/shape-ops.js";
import type { Tensor } from "../tensor/tensor.js";
import { aligned, checkKeys, checkPred, checkTrue, defineLoss, flag, numberIn } from "./define.js";

const EPS = 1e-7;

/**
 * Options of the cross-entropy losses: logits input and label smoothing.
 *
 * @example
 * const options: bp.losses.CrossentropyOptions = { fromLogits: true, labelSmoothing: 0 };
 * bp.losses.categoricalCrossentropy(bp.tensor([[1, 0]]), bp.tensor([[0, 0]]), options).item();   // => 0.6931472
 */
export interface CrossentropyOptions {
  /** yPred holds raw scores (logits) instead of probabilities; default false. */
  fromLogits?: boolean;
  /** Mixes the targets with the uniform distribution: y·(1 − s) + s / classes (s / 2 binary); default 0. */
  labelSmoothing?: number;
}

/**
 * Options of sparseCategoricalCrossentropy: whether yPred holds logits.
 *
 * @example
 * const options: bp.losses.SparseCrossentropyOptions = { fromLogits: true };
 * bp.losses.sparseCategoricalCrossentropy(bp.tensor([0]), bp.tensor([[0, 0]]), options).item();   // => 0.6931472
 */
export interface SparseCrossentropyOptions {
  /** yPred holds raw scores (logits) instead of probabilities; default false. */
  fromLogits?: boolean;
}

interface Settings {
  fromLogits: boolean;
  smoothing: number;
}

function parser(name: string): (o: CrossentropyOptions) => Settings {
  return (o) => {
    checkKeys(name, o, ["fromLogits", "labelSmoothing"]);
    return {
      fromLogits: flag(name, "fromLogits", o.fromLogits),
      smoothing: numberIn(name, "labelSmoothing", o.labelSmoothing, 0, 1, 0),
    };
  };
}

/**
 * mean(−(y·log p + (1 − y)·log(1 − p)), −1) with p = clip(yPred, ε, 1 − ε); from logits x:
 * mean(max(x, 0) − x·y + log(1 + e^−|x|), −1).
 *
 * @example
 * const yTrue = bp.tensor([[1], [0]]);
 * bp.losses.binaryCrossentropy(yTrue, bp.tensor([[0.9], [0.1]])).item();   // => 0.1053605
 * bp.losses.binaryCrossentropy(yTrue, bp.tensor([[2.2], [-2.2]]), { fromLogits: true }).item();   // => 0.1050833
 */
export const binaryCrossentropy = defineLoss(
  "binaryCrossentropy",
  parser("binaryCrossentropy"),
  (yTrue, yPred, { fromLogits, smoothing }) => {
    const [t0, x] = aligned("binaryCrossentropy", yTrue, yPred);
    const y = smoothing > 0 ? t0.mul(1 - smoothing).add(0.5 * smoothing) : t0;
    if (fromLogits) {
      return x.relu().sub(x.mul(y)).add(x.abs().neg().exp().log1p()).mean(-1);
    }
    const p = x.clip(EPS, 1 - EPS);
    const ll = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log()));
    return ll.neg().mean(-1);
  },
);

/**
 * −Σ y·log p over the last axis, p = clip(yPred / Σ yPred, ε, 1 − ε); from logits: −Σ y·logSoftmax(x).
 *
 * @example
 * const yTrue = bp.tensor([[0, 1, 0]]);
 * bp.losses.categoricalCrossentropy(yTrue, bp.tensor([[0.1, 0.8, 0.1]])).item();   // => 0.2231435
 * bp.losses.categoricalCrossentropy(yTrue, bp.tensor([[0, 2, 0]]), { fromLogits: true, labelSmoothing: 0.1 }).item();   // => 0.3728782
 */
export const categoricalCrossentropy = defineLoss(
  "categoricalCrossentropy",
  parser("categoricalCrossentropy"),
  (yTrue, yPred, { fromLogits, smoothing }) => {
    const hint = "; for integer class labels use sparseCategoricalCrossentropy";
    const [t0, x] = aligned("categoricalCrossentropy", yTrue, yPred, hint);
    const classes = x.shape[x.rank - 1] as number;
    const y = smoothing > 0 ? t0.mul(1 - smoothing).add(smoothing / classes) : t0;
    return crossentropy(y, x, fromLogits);
  },
);

/** −Σ y·log p along the last axis; from the logits when x holds them or is a softmax of them (as Keras). */
function crossentropy(y: Tensor, x: Tensor, fromLogits: boolean): Tensor {
  const logits = fromLogits ? x : softmaxLogits(x);
  // −Σ y·logSoftmax(logits) in one kernel, its gradient in another (y is aligned with x, and so with its logits)
  if (logits) return P.softmaxCrossEntropy([logits, y], {});
  const p = x.div(x.sum(-1, true)).clip(EPS, 1 - EPS);
  return y.mul(p.log()).sum(-1).neg();
}

/**
 * Categorical cross-entropy with integer class labels: yTrue has yPred's shape without the class
 * axis (or with a class axis of size 1) and holds integers in [0, classes).
 *
 * @example
 * bp.losses.sparseCategoricalCrossentropy(bp.tensor([1]), bp.tensor([[0.1, 0.8, 0.1]])).item();   // => 0.2231435
 */
export const sparseCategoricalCrossentropy = defineLoss(
  "sparseCategoricalCrossentropy",
  (o: SparseCrossentropyOptions) => {
    checkKeys("sparseCategoricalCrossentropy", o, ["fromLogits"]);
    return flag("sparseCategoricalCrossentropy", "fromLogits", o.fromLogits);
  },
  (yTrue, yPred, fromLogits) => {
    const name = "sparseCategoricalCrossentropy";
    const x = checkPred(name, yPred);
    const labels = classLabels(name, checkTrue(name, yTrue), x);
    const y = oneHot(labels, x.shape[x.rank - 1] as number).reshape(x.shape);
    return crossentropy(y.dtype === x.dtype ? y : y.cast(x.dtype), x, fromLogits);
  },
);

/** The labels as a flat int32 tensor of checked class indices (one per row of yPred). */
export function classLabels(name: string, yTrue: Tensor, yPred: Tensor): Tensor {
  const rows = yPred.shape.slice(0, -1);
  const classes = yPred.shape[yPred.rank - 1] as number;
  const sameAsPred = yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i]);
  if (sameAsPred && classes > 1) {
    throw new ValueError(
      `${name}: yTrue has the shape of yPred ${fmtShape(yPred.shape)}, so it looks one-hot encoded; ` +
        `pass integer class indices of shape ${fmtShape(rows)} or use categoricalCrossentropy`,
    );
  }
  const fits =
    (yTrue.rank === rows.length && yTrue.shape.every((d, i) => d === rows[i])) ||
    (yTrue.rank === rows.length + 1 &&
      yTrue.shape[rows.length] === 1 &&
      rows.every((d, i) => d === yTrue.shape[i]));
  if (!fits) {
    throw new ShapeError(
      `${name}: yTrue shape ${fmtShape(yTrue.shape)} does not fit yPred shape ${fmtShape(yPred.shape)}; ` +
        `expected integer class indices of shape ${fmtShape(rows)}`,
    );
  }
  // a checked read: a captured training step checks the labels of every replay too
  checkedRead(yTrue.storage, (data) =>
    data.forEach((v, i) => {
      if (!Number.isInteger(v)) {
        throw new ValueError(`${name}: label ${v} at position ${i} is not an integer class index`);
      }
      if (v < 0 || v >= classes) {
        throw new ValueError(
          `${name}: label ${v} at position ${i} is out of range for ${classes} classes ` +
            `(yPred shape ${fmtShape(yPred.shape)}); expected integers in [0, ${classes - 1}]`,
        );
      }
    }),
  );
  const flat = yTrue.reshape([yTrue.size]);
  return flat.dtype === "int32" ? flat : flat.cast("int32");
}
