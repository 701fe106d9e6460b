/** Shape and dtype rules shared by primitives. */
import { isFloat, promote } from "../../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError } from "../../errors.js";
import { broadcastShapes } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { OutputSpec } from "../primitive.js";

export function input(op: string, inputs: readonly Tensor[], i: number): Tensor {
  const t = inputs[i];
  if (!t) throw new ShapeError(`${op}: expected at least ${i + 1} inputs, got ${inputs.length}`);
  return t;
}

/** Same shape and dtype as the input (neg, abs, sign…). */
export function sameAsInput(op: string, inputs: readonly Tensor[]): OutputSpec {
  const x = input(op, inputs, 0);
  return { shape: [...x.shape], dtype: x.dtype };
}

/** A float-only element-wise op (exp, log…): int32 input is an error. */
export function floatUnary(op: string, inputs: readonly Tensor[]): OutputSpec {
  const x = input(op, inputs, 0);
  requireFloat(op, x);
  return { shape: [...x.shape], dtype: x.dtype };
}

export function requireFloat(op: string, x: Tensor, what = "input"): void {
  if (!isFloat(x.dtype)) {
    throw new DTypeError(`${op}: ${what} must be a float tensor, got ${x.dtype} with shape ${fmtShape(x.shape)}; cast it with x.cast("float32")`);
  }
}

export function requireInt(op: string, x: Tensor, what = "indices"): void {
  if (x.dtype !== "int32") throw new DTypeError(`${op}: ${what} must be int32, got ${x.dtype}`);
}

/** Broadcasting binary op; the dtype is the promotion of both. */
export function binaryRule(op: string, inputs: readonly Tensor[]): OutputSpec {
  const a = input(op, inputs, 0);
  const b = input(op, inputs, 1);
  return { shape: broadcastShapes(op, a.shape, b.shape), dtype: promote(a.dtype, b.dtype) };
}

/** Broadcasting binary op that needs float operands (div, pow). */
export function floatBinaryRule(op: string, inputs: readonly Tensor[]): OutputSpec {
  const spec = binaryRule(op, inputs);
  if (spec.dtype === "int32") spec.dtype = "float32";
  return spec;
}

/** Comparison: broadcast shape, int32 0/1 result. */
export function compareRule(op: string, inputs: readonly Tensor[]): OutputSpec {
  return { shape: binaryRule(op, inputs).shape, dtype: "int32" };
}

/** The shape left after reducing `axes` (sorted, distinct). */
export function reducedShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.filter((_, i) => !axes.includes(i));
}

/** The input shape with reduced axes set to 1: the shape to broadcast a reduction's gradient from. */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}
