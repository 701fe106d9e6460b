/**
 * reshape: the one view primitive. It has no kernel — the output shares the input's storage (a
 * reference count keeps it alive) — and its gradient reshapes back.
 */
import { fmtShape, ShapeError } from "../../errors.js";
import { makeTensor, sizeOf, type Tensor } from "../../tensor/tensor.js";
import { record } from "../primitive.js";

export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  if (sizeOf(shape) !== x.size) {
    throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)} (${sizeOf(shape)} elements)`);
  }
  const out = makeTensor(shape, x.dtype, undefined, x.storage);
  return record("reshape", out, [x], { shape: [...x.shape] }, (g, [input]) => [g.reshape(input!.shape)]);
}
