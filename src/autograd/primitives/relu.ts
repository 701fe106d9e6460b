import { fmtShape, ShapeError } from "../../errors.js";
import type { NoAttrs } from "../../backend/kernel-attrs.js";
import type { Tensor } from "../../tensor/tensor.js";
import { primitive, type Primitive } from "../primitive.js";

declare module "../../backend/kernel-attrs.js" {
  interface KernelAttrs {
    /** x ≤ 0 ? 0 : x (NaN passes through), one pass. */
    relu: NoAttrs;
    /** inputs [x, g] of one shape: x ≤ 0 ? 0 : g — the gradient of relu, linear in g. */
    reluGrad: NoAttrs;
  }
}

/**
 * max(x, 0) in one pass, keeping NaN (relu(NaN) = NaN); the gradient is reluGrad, so relu'(0) = 0
 * as in PyTorch. A primitive because it is the most used activation: composed as
 * where(x ≤ 0, 0, x) it costs a mask tensor and two passes.
 */
export const relu = primitive({
  name: "relu",
  inputs: ["x"],
  output: ([x]) => ({ shape: [...x.shape], dtype: x.dtype }),
  vjp: (g, [x]) => [reluGrad([x, g], {})],
});

/** g where x > 0 (or x is NaN), else 0: relu's gradient. Inputs [x, g] of one shape; linear in g. */
export const reluGrad: Primitive<"reluGrad", readonly [x: Tensor, g: Tensor]> = primitive({
  name: "reluGrad",
  inputs: ["x", "g"],
  output: ([x, g]) => {
    if (x.rank !== g.rank || x.shape.some((d, i) => d !== g.shape[i])) {
      throw new ShapeError(`reluGrad: g shape ${fmtShape(g.shape)} differs from x shape ${fmtShape(x.shape)}`);
    }
    return { shape: [...g.shape], dtype: g.dtype };
  },
  vjp: (gg, [x]) => [null, reluGrad([x, gg], {})],
});
