import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** sin(x); d/dx = cos(x). */
export const sin = primitive({
  name: "sin",
  inputs: ["x"],
  output: (inputs) => floatUnary("sin", inputs),
  vjp: (g, [x]) => [g.mul(x.cos())],
});
