import { DTYPES, isFloat } from "../../backend/dtype.js";
import { DTypeError, fmtShape, ValueError } from "../../errors.js";
import { checkedRead } from "../../tensor/capture.js";
import type { Tensor } from "../../tensor/tensor.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** A float → int32 cast must not turn NaN, ±∞ or out-of-range values into arbitrary integers. */
function checkInt32Range(x: Tensor): void {
  checkedRead(x.storage, (data) => {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (!(v > -2147483649 && v < 2147483648)) {
        throw new ValueError(`cast: value ${v} at flat index ${i} of a ${x.dtype} tensor with shape ${fmtShape(x.shape)} cannot be represented as int32`);
      }
    }
  });
}

/** Converts the dtype (float → int32 truncates toward 0). Gradients flow between float dtypes only. */
export const cast = primitive({
  name: "cast",
  inputs: ["x"],
  output: (inputs, { dtype }) => {
    const x = input("cast", inputs, 0);
    if (!DTYPES.includes(dtype)) {
      throw new DTypeError(`cast: unknown dtype "${String(dtype)}"; expected "float32", "int32" or "float64"`);
    }
    if (dtype === "int32" && isFloat(x.dtype)) checkInt32Range(x);
    return { shape: [...x.shape], dtype };
  },
  vjp: (g, [x]) => [isFloat(x.dtype) && isFloat(g.dtype) ? g.cast(x.dtype) : null],
});
