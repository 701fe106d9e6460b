import { primitive } from "../primitive.js";
import { sameAsInput } from "./rules.js";

/** -x */
export const neg = primitive({
  name: "neg",
  inputs: ["x"],
  output: (inputs) => sameAsInput("neg", inputs),
  vjp: (g) => [g.neg()],
});
