import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** Natural logarithm; d/dx = 1/x. */
export const log = primitive({
  name: "log",
  inputs: ["x"],
  output: (inputs) => floatUnary("log", inputs),
  vjp: (g, [x]) => [g.div(x)],
});
