import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** √x; d/dx = 1/(2√x). */
export const sqrt = primitive({
  name: "sqrt",
  inputs: ["x"],
  output: (inputs) => floatUnary("sqrt", inputs),
  vjp: (g, _inputs, out) => [g.div(out.mul(2))],
});
