import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** cos(x); d/dx = -sin(x). */
export const cos = primitive({
  name: "cos",
  inputs: ["x"],
  output: (inputs) => floatUnary("cos", inputs),
  vjp: (g, [x]) => [g.mul(x.sin()).neg()],
});
