import { primitive } from "../primitive.js";
import { binaryRule } from "./rules.js";

/** a - b with broadcasting. */
export const sub = primitive({
  name: "sub",
  inputs: ["a", "b"],
  output: (inputs) => binaryRule("sub", inputs),
  vjp: (g, [a, b]) => [g.sumTo(a.shape), g.neg().sumTo(b.shape)],
});
