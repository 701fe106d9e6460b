import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** e^x; its derivative is itself. */
export const exp = primitive({
  name: "exp",
  inputs: ["x"],
  output: (inputs) => floatUnary("exp", inputs),
  vjp: (g, _inputs, out) => [g.mul(out)],
});
