import { primitive } from "../primitive.js";
import { sameAsInput } from "./rules.js";

/** -1, 0 or 1; piecewise constant, so its gradient is 0 (no vjp). */
export const sign = primitive({
  name: "sign",
  output: (inputs) => sameAsInput("sign", inputs),
});
