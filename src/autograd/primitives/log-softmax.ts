import type { Tensor } from "../../tensor/tensor.js";
import { primitive, type Primitive } from "../primitive.js";
import { input, requireFloat } from "./rules.js";

/**
 * log-softmax along `axis` in one pass per row: x − m − log Σ e^(x − m), where m is the row's maximum
 * when finite (else 0, so rows of −∞ or +∞ give what the formula gives). A primitive because every
 * classifier computes it each step; its gradient g − softmax·Σg is written with ops.
 */
export const logSoftmax: Primitive<"logSoftmax", readonly [x: Tensor]> = primitive({
  name: "logSoftmax",
  inputs: ["x"],
  output: (inputs) => {
    const x = input("logSoftmax", inputs, 0);
    requireFloat("logSoftmax", x);
    return { shape: [...x.shape], dtype: x.dtype };
  },
  vjp: (g, _inputs, out, { axis }) => [g.sub(out.exp().mul(g.sum(axis, true)))],
});
