import type { NoAttrs } from "../../backend/kernel-attrs.js";
import { primitive } from "../primitive.js";
import { floatUnary } from "./rules.js";

declare module "../../backend/kernel-attrs.js" {
  interface KernelAttrs {
    /** The error function, element-wise (float only). */
    erf: NoAttrs;
  }
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, for the exact gelu x·½(1 + erf(x/√2)); its derivative is 2/√π·e^(−x²). */
export const erf = primitive({
  name: "erf",
  inputs: ["x"],
  output: (inputs) => floatUnary("erf", inputs),
  vjp: (g, [x]) => [g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))],
});
