import { primitive } from "../primitive.js";
import { binaryRule } from "./rules.js";

/** Element-wise min with broadcasting; on ties the gradient is split in half, as in PyTorch. */
export const minimum = primitive({
  name: "minimum",
  inputs: ["a", "b"],
  output: (inputs) => binaryRule("minimum", inputs),
  vjp: (g, [a, b]) => {
    const share = a.less(b).add(a.equal(b).mul(0.5));
    return [g.mul(share).sumTo(a.shape), g.mul(share.neg().add(1)).sumTo(b.shape)];
  },
});
