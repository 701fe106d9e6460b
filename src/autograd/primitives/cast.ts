import { DTYPES, isFloat } from "../../backend/dtype.js";
import { DTypeError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** Converts the dtype (float → int32 truncates toward 0). Gradients flow between float dtypes only. */
export const cast = primitive({
  name: "cast",
  output: (inputs, { dtype }) => {
    const x = input("cast", inputs, 0);
    if (!DTYPES.includes(dtype)) {
      throw new DTypeError(`cast: unknown dtype "${String(dtype)}"; expected "float32", "int32" or "float64"`);
    }
    return { shape: [...x.shape], dtype };
  },
  vjp: (g, [x]) => [isFloat(x!.dtype) && isFloat(g.dtype) ? g.cast(x!.dtype) : null],
});
