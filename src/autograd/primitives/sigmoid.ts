import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** σ(x) = 1/(1 + e^-x), computed without overflow; σ' = σ(1 - σ). A primitive so the gradient stays finite for |x| ≫ 1. */
export const sigmoid = primitive({
  name: "sigmoid",
  inputs: ["x"],
  output: (inputs) => floatUnary("sigmoid", inputs),
  vjp: (g, _inputs, out) => [g.mul(out.mul(out.neg().add(1)))],
});
