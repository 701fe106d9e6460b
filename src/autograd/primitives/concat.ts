import { promote } from "../../backend/dtype.js";
import { fmtShape, ShapeError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** Joins tensors along an existing axis; the gradient slices each part back out. */
export const concat = primitive({
  name: "concat",
  output: (inputs, { axis }) => {
    const first = input("concat", inputs, 0);
    let total = 0;
    let dtype = first.dtype;
    for (const t of inputs) {
      if (t.rank !== first.rank || t.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
        throw new ShapeError(`concat: shapes ${inputs.map((s) => fmtShape(s.shape)).join(", ")} differ outside axis ${axis}`);
      }
      total += t.shape[axis] as number;
      dtype = promote(dtype, t.dtype);
    }
    if (inputs.some((t) => t.dtype !== dtype)) {
      throw new ShapeError(`concat: dtypes differ: ${inputs.map((t) => t.dtype).join(", ")}`);
    }
    return { shape: first.shape.map((d, i) => (i === axis ? total : d)), dtype };
  },
  vjp: (g, inputs, _out, { axis }) => {
    let offset = 0;
    return inputs.map((t) => {
      const begin = t.shape.map((_, i) => (i === axis ? offset : 0));
      offset += t.shape[axis] as number;
      return g.slice(begin, [...t.shape]);
    });
  },
});
