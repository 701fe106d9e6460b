import { promote } from "../../backend/dtype.js";
import { broadcastShapes } from "../../tensor/shape.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** where(cond, a, b): a where cond ≠ 0, else b, with broadcasting of all three. */
export const where = primitive({
  name: "where",
  inputs: ["condition", "a", "b"],
  output: (inputs) => {
    const c = input("where", inputs, 0);
    const a = input("where", inputs, 1);
    const b = input("where", inputs, 2);
    return { shape: broadcastShapes("where", broadcastShapes("where", c.shape, a.shape), b.shape), dtype: promote(a.dtype, b.dtype) };
  },
  vjp: (g, [c, a, b]) => [null, c.where(g, 0).sumTo(a.shape), c.where(0, g).sumTo(b.shape)],
});
