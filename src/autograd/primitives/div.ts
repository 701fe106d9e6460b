import { primitive } from "../primitive.js";
import { floatBinaryRule } from "./rules.js";

/** a / b with broadcasting (always a float result); d/db = -a/b². */
export const div = primitive({
  name: "div",
  inputs: ["a", "b"],
  output: (inputs) => floatBinaryRule("div", inputs),
  vjp: (g, [a, b]) => [g.div(b).sumTo(a.shape), g.mul(a).div(b.square()).neg().sumTo(b.shape)],
});
