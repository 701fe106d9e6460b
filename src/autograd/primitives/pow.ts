import { primitive } from "../primitive.js";
import { floatBinaryRule } from "./rules.js";

/**
 * a^b with broadcasting. As in PyTorch: the gradient for a is 0 where b = 0, and the gradient for
 * b is 0 where a = 0 and b ≥ 0 (instead of 0 · log 0 = NaN).
 */
export const pow = primitive({
  name: "pow",
  inputs: ["a", "b"],
  output: (inputs) => floatBinaryRule("pow", inputs),
  vjp: (g, [a, b], out) => {
    const da = b.equal(0).where(0, g.mul(b).mul(a.pow(b.sub(1))));
    const zeroBase = a.equal(0).mul(b.greaterEqual(0));
    const db = zeroBase.where(0, g.mul(out).mul(a.log()));
    return [da.sumTo(a.shape), db.sumTo(b.shape)];
  },
});
