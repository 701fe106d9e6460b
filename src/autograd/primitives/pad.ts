import { ValueError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** Pads each axis with [before, after] cells of `value`; the gradient slices the middle back out. */
export const pad = primitive({
  name: "pad",
  inputs: ["x"],
  output: (inputs, { paddings, value }) => {
    const x = input("pad", inputs, 0);
    if (paddings.length !== x.rank || paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) {
      throw new ValueError(`pad: paddings ${JSON.stringify(paddings)} must be ${x.rank} pairs of non-negative integers`);
    }
    if (typeof value !== "number" || (x.dtype === "int32" && !(Number.isInteger(value) && value >= -2147483648 && value <= 2147483647))) {
      throw new ValueError(`pad: value ${String(value)} cannot be stored in an int32 tensor; expected a 32-bit integer`);
    }
    return { shape: x.shape.map((d, i) => d + (paddings[i]?.[0] ?? 0) + (paddings[i]?.[1] ?? 0)), dtype: x.dtype };
  },
  vjp: (g, [x], _out, { paddings }) => [g.slice(paddings.map((p) => p[0]), [...x.shape])],
});
