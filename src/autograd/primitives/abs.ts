import { primitive } from "../primitive.js";
import { sameAsInput } from "./rules.js";

/** |x|; the gradient at 0 is 0, as in PyTorch. */
export const abs = primitive({
  name: "abs",
  inputs: ["x"],
  output: (inputs) => sameAsInput("abs", inputs),
  vjp: (g, [x]) => [g.mul(x.sign())],
});
