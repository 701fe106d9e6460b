/** Comparisons: broadcasting, int32 0/1 results, not differentiable. */
import { primitive } from "../primitive.js";
import { compareRule } from "./rules.js";

export const equal = primitive({ name: "equal", output: (inputs) => compareRule("equal", inputs) });
export const notEqual = primitive({ name: "notEqual", output: (inputs) => compareRule("notEqual", inputs) });
export const greater = primitive({ name: "greater", output: (inputs) => compareRule("greater", inputs) });
export const greaterEqual = primitive({ name: "greaterEqual", output: (inputs) => compareRule("greaterEqual", inputs) });
export const less = primitive({ name: "less", output: (inputs) => compareRule("less", inputs) });
export const lessEqual = primitive({ name: "lessEqual", output: (inputs) => compareRule("lessEqual", inputs) });
