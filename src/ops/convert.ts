/** Turning op arguments into tensors: JS numbers take the dtype of the tensor they meet ("weak" scalars). */
import { isRecording } from "../autograd/tape.js";
import type { DType } from "../backend/dtype.js";
import { ValueError } from "../errors.js";
import { tidy } from "../tensor/engine.js";
import { makeTensor, Tensor } from "../tensor/tensor.js";

export type Operand = Tensor | number;

/** A tensor for `x`; a number becomes a scalar of dtype `like` (float32 if it is not an integer and like is int32). */
export function toTensor(op: string, x: Operand, like: DType = "float32"): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== "number") {
    throw new ValueError(`${op}: expected a Tensor or a number, got ${x === null ? "null" : Array.isArray(x) ? "an array (wrap it with bp.tensor)" : typeof x}`);
  }
  const dtype = like === "int32" && !Number.isInteger(x) ? "float32" : like;
  return makeTensor([], dtype, [x]);
}

/** Both operands as tensors, numbers adopting the other operand's dtype. */
export function operands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  const ta = a instanceof Tensor ? a : toTensor(op, a, b instanceof Tensor ? b.dtype : "float32");
  const tb = toTensor(op, b, ta.dtype);
  return [ta, tb];
}

/** Throws unless `v` is a finite number (for attributes such as alpha, min, max). */
export function finiteAttr(op: string, name: string, v: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`${op}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

export function checkTensor(op: string, x: unknown, what = "x"): Tensor {
  if (!(x instanceof Tensor)) {
    throw new ValueError(`${op}: ${what} must be a Tensor, got ${x === null ? "null" : Array.isArray(x) ? "an array (wrap it with bp.tensor)" : typeof x}`);
  }
  return x;
}

/**
 * Runs the body of an op composed of several primitives so that its intermediates (and scalars made
 * from number operands) are freed when it returns: only the result stays alive, with or without an
 * enclosing `tidy`. While a gradient is being recorded the graph needs the intermediates, so they
 * are left to the gradient call's own scope.
 */
export function composite<T>(fn: () => T): T {
  return isRecording() ? fn() : tidy(fn);
}
