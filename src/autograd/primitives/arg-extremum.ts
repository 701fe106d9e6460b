/** argmax / argmin along one axis (resolved by the op): int32 indices, first occurrence on ties. */
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

export const argmax = primitive({
  name: "argmax",
  inputs: ["x"],
  output: (inputs, { axis }) => ({ shape: input("argmax", inputs, 0).shape.filter((_, i) => i !== axis), dtype: "int32" }),
});

export const argmin = primitive({
  name: "argmin",
  inputs: ["x"],
  output: (inputs, { axis }) => ({ shape: input("argmin", inputs, 0).shape.filter((_, i) => i !== axis), dtype: "int32" }),
});
