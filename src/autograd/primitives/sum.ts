import { primitive } from "../primitive.js";
import { input, keptShape, reducedShape } from "./rules.js";

/** Sum over `axes` (sorted, distinct; resolved by the op); the gradient broadcasts back. */
export const sum = primitive({
  name: "sum",
  inputs: ["x"],
  output: (inputs, { axes }) => {
    const x = input("sum", inputs, 0);
    return { shape: reducedShape(x.shape, axes), dtype: x.dtype };
  },
  vjp: (g, [x], _out, { axes }) => [g.reshape(keptShape(x.shape, axes)).broadcastTo(x.shape)],
});
