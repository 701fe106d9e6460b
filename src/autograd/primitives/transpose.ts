import { fmtShape, ShapeError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { input } from "./rules.js";

/** Permutes axes; the gradient applies the inverse permutation. */
export const transpose = primitive({
  name: "transpose",
  inputs: ["x"],
  output: (inputs, { perm }) => {
    const x = input("transpose", inputs, 0);
    const sorted = [...perm].sort((a, b) => a - b);
    if (perm.length !== x.rank || sorted.some((p, i) => p !== i)) {
      throw new ShapeError(`transpose: perm [${perm.join(",")}] is not a permutation of the ${x.rank} axes of shape ${fmtShape(x.shape)}`);
    }
    return { shape: perm.map((p) => x.shape[p] as number), dtype: x.dtype };
  },
  vjp: (g, _inputs, _out, { perm }) => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [g.transpose(inverse)];
  },
});
