import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

/** tanh(x); tanh' = 1 - tanh². */
export const tanh = primitive({
  name: "tanh",
  inputs: ["x"],
  output: (inputs) => floatUnary("tanh", inputs),
  vjp: (g, _inputs, out) => [g.mul(out.square().neg().add(1))],
});
