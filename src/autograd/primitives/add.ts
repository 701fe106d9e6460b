import { primitive } from "../primitive.js";
import { binaryRule } from "./rules.js";

/** a + b with broadcasting; each gradient is summed back to its operand's shape. */
export const add = primitive({
  name: "add",
  inputs: ["a", "b"],
  output: (inputs) => binaryRule("add", inputs),
  vjp: (g, [a, b]) => [g.sumTo(a.shape), g.sumTo(b.shape)],
});
