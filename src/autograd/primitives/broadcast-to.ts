import { fmtShape, ShapeError } from "../../errors.js";
import { broadcastShapes, sameShape } from "../../tensor/shape.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** Repeats size-1 and missing leading axes up to `shape`; the gradient sums them back. */
export const broadcastTo = primitive({
  name: "broadcastTo",
  inputs: ["x"],
  output: (inputs, { shape }) => {
    const x = input("broadcastTo", inputs, 0);
    const full = broadcastShapes("broadcastTo", x.shape, shape);
    if (!sameShape(full, shape)) {
      throw new ShapeError(`broadcastTo: cannot broadcast shape ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
    }
    return { shape: [...shape], dtype: x.dtype };
  },
  vjp: (g, [x]) => [g.sumTo(x.shape)],
});
