import { fmtShape, ShapeError } from "../../errors.js";
import { primitive, type Primitive } from "../primitive.js";
import { input, sameAsInput } from "./rules.js";

/**
 * max(x, 0) in one pass, keeping NaN (relu(NaN) = NaN); the gradient is reluGrad, so relu'(0) = 0
 * as in PyTorch. A primitive because it is the most used activation: composed as
 * where(x ≤ 0, 0, x) it costs a mask tensor and two passes.
 */
export const relu: Primitive<"relu"> = primitive({
  name: "relu",
  output: (inputs) => sameAsInput("relu", inputs),
  vjp: (g, [x]) => [reluGrad([x!, g], {})],
});

/** g where x > 0 (or x is NaN), else 0: relu's gradient. Inputs [x, g] of one shape; linear in g. */
export const reluGrad: Primitive<"reluGrad"> = primitive({
  name: "reluGrad",
  output: (inputs) => {
    const x = input("reluGrad", inputs, 0);
    const g = input("reluGrad", inputs, 1);
    if (x.rank !== g.rank || x.shape.some((d, i) => d !== g.shape[i])) {
      throw new ShapeError(`reluGrad: g shape ${fmtShape(g.shape)} differs from x shape ${fmtShape(x.shape)}`);
    }
    return { shape: [...g.shape], dtype: g.dtype };
  },
  vjp: (gg, [x]) => [null, reluGrad([x!, gg], {})],
});
