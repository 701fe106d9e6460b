import { fmtShape, ShapeError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** The box [begin, begin + size) (resolved by the op); the gradient pads back with zeros. */
export const slice = primitive({
  name: "slice",
  inputs: ["x"],
  output: (inputs, { begin, size }) => {
    const x = input("slice", inputs, 0);
    const bad =
      begin.length !== x.rank ||
      size.length !== x.rank ||
      begin.some((b, i) => !Number.isInteger(b) || b < 0 || b + (size[i] as number) > (x.shape[i] as number) || (size[i] as number) < 0);
    if (bad) {
      throw new ShapeError(`slice: begin [${begin.join(",")}] with size [${size.join(",")}] does not fit in shape ${fmtShape(x.shape)}`);
    }
    return { shape: [...size], dtype: x.dtype };
  },
  vjp: (g, [x], _out, { begin, size }) => [
    g.pad(begin.map((b, i) => [b, (x.shape[i] as number) - b - (size[i] as number)] as [number, number])),
  ],
});
