import { primitive } from "../primitive.js";
import { sameAsInput } from "./rules.js";

/** Rounds toward -∞; piecewise constant, so its gradient is 0 (no vjp). */
export const floor = primitive({
  name: "floor",
  output: (inputs) => sameAsInput("floor", inputs),
});
