/**
 * Categorical cross-entropy from logits in one pass per row: for z (the logits) and y (the target
 * distribution) of one shape, Σ y·(lse − z) along the last axis, lse = log Σ e^z. This is
 * −Σ y·logSoftmax(z) (what the categorical losses compute from logits), without the log-softmax
 * tensor, the product, the sum and the negation as separate passes — and its gradient in z,
 * (softmax(z)·Σy − y)·g, is one kernel too (softmaxCrossEntropyGrad) instead of the seven of the
 * composed form. Both gradients of the gradient kernel are written with ops, so second derivatives
 * of a loss still work.
 */
import { DTypeError, fmtShape, ShapeError } from "../../errors.js";
import { sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { primitive, type OutputSpec, type Primitive } from "../primitive.js";
import { logSoftmax } from "./log-softmax.js";
import { input, requireFloat } from "./rules.js";

function rowsOf(op: string, z: Tensor, y: Tensor): number[] {
  requireFloat(op, z, "z");
  if (z.rank === 0) throw new ShapeError(`${op}: z must have a class axis, got a scalar`);
  if (y.dtype !== z.dtype) throw new DTypeError(`${op}: y must have z's dtype ${z.dtype}, got ${y.dtype}`);
  if (!sameShape(y.shape, z.shape)) throw new ShapeError(`${op}: y shape ${fmtShape(y.shape)} differs from z shape ${fmtShape(z.shape)}`);
  return z.shape.slice(0, -1);
}

/** g of shape `rows` as [...rows, 1], to broadcast along the class axis. */
const column = (g: Tensor): Tensor => g.reshape([...g.shape, 1]);

export const softmaxCrossEntropy: Primitive<"softmaxCrossEntropy", readonly [z: Tensor, y: Tensor]> = primitive({
  name: "softmaxCrossEntropy",
  inputs: ["z", "y"],
  output: (inputs): OutputSpec => {
    const z = input("softmaxCrossEntropy", inputs, 0);
    const y = input("softmaxCrossEntropy", inputs, 1);
    return { shape: rowsOf("softmaxCrossEntropy", z, y), dtype: z.dtype };
  },
  vjp: (g, [z, y]) => [
    z.requiresGrad ? softmaxCrossEntropyGrad([z, y, g], {}) : null,
    y.requiresGrad ? logSoftmax([z], { axis: z.rank - 1 }).neg().mul(column(g)) : null,
  ],
});

export const softmaxCrossEntropyGrad: Primitive<"softmaxCrossEntropyGrad", readonly [z: Tensor, y: Tensor, g: Tensor]> = primitive({
  name: "softmaxCrossEntropyGrad",
  inputs: ["z", "y", "g"],
  output: (inputs): OutputSpec => {
    const op = "softmaxCrossEntropyGrad";
    const z = input(op, inputs, 0);
    const rows = rowsOf(op, z, input(op, inputs, 1));
    const g = input(op, inputs, 2);
    if (g.dtype !== z.dtype || !sameShape(g.shape, rows)) {
      throw new ShapeError(`${op}: g must be ${z.dtype} of shape ${fmtShape(rows)}, got ${g.dtype} ${fmtShape(g.shape)}`);
    }
    return { shape: [...z.shape], dtype: z.dtype };
  },
  // F = (s·Y − y)·G with s = softmax(z), Y = Σy, G = g per row; u is F's gradient
  vjp: (u, [z, y, g]) => {
    const last = z.rank - 1;
    const s = logSoftmax([z], { axis: last }).exp();
    const total = y.sum(last, true);
    const uG = u.mul(column(g));
    const w = uG.mul(total);
    return [
      z.requiresGrad ? s.mul(w.sub(w.mul(s).sum(last, true))) : null,
      y.requiresGrad ? u.mul(s).sum(last, true).mul(column(g)).sub(uG) : null,
      g.requiresGrad ? u.mul(s.mul(total).sub(y)).sum(last) : null,
    ];
  },
});
