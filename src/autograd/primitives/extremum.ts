/** max and min reductions; the gradient is shared evenly among tied extremes (PyTorch's amax / amin). */
import type { Tensor } from "../../tensor/tensor.js";
import { primitive } from "../primitive.js";
import { input, keptShape, reducedShape } from "./rules.js";

function extremumVjp(g: Tensor, x: Tensor, out: Tensor, axes: number[]): Tensor[] {
  const kept = keptShape(x.shape, axes);
  const hits = x.equal(out.reshape(kept)).cast(g.dtype);
  const count = hits.sum(axes, true);
  return [hits.mul(g.reshape(kept).div(count))];
}

export const max = primitive({
  name: "max",
  inputs: ["x"],
  output: (inputs, { axes }) => {
    const x = input("max", inputs, 0);
    return { shape: reducedShape(x.shape, axes), dtype: x.dtype };
  },
  vjp: (g, [x], out, { axes }) => extremumVjp(g, x, out, axes),
});

export const min = primitive({
  name: "min",
  inputs: ["x"],
  output: (inputs, { axes }) => {
    const x = input("min", inputs, 0);
    return { shape: reducedShape(x.shape, axes), dtype: x.dtype };
  },
  vjp: (g, [x], out, { axes }) => extremumVjp(g, x, out, axes),
});
