import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** log(1 + x), accurate near 0; d/dx = 1/(1 + x). */
export const log1p = primitive({
  name: "log1p",
  inputs: ["x"],
  output: (inputs) => floatUnary("log1p", inputs),
  vjp: (g, [x]) => [g.div(x.add(1))],
});
