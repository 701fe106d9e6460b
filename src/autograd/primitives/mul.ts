import { primitive } from "../primitive.js";
import { binaryRule } from "./rules.js";

/** a · b element-wise with broadcasting. */
export const mul = primitive({
  name: "mul",
  inputs: ["a", "b"],
  output: (inputs) => binaryRule("mul", inputs),
  vjp: (g, [a, b]) => [g.mul(b).sumTo(a.shape), g.mul(a).sumTo(b.shape)],
});
