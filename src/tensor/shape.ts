/** Shape arithmetic shared by ops: broadcasting, axes, nested-array shapes. */
import { fmtShape, ShapeError, ValueError } from "../errors.js";

/** NumPy broadcasting of two shapes; throws naming the op and both shapes if they do not fit. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  // a plain loop: captured steps compare their inputs' shapes once per step, interpreted in a fit's
  // first epochs, where a closure per call costs
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function axisError(op: string, axis: unknown, rank: number): ShapeError {
  const expected = rank === 0 ? "a scalar (rank 0) has no axes" : `expected an integer in [${-rank}, ${rank - 1}]`;
  return new ShapeError(`${op}: axis ${String(axis)} is out of range for a tensor of rank ${rank}; ${expected}`);
}

/** Resolves a possibly negative axis against `rank`; throws a ShapeError naming the op if it is out of range. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw axisError(op, axis, rank);
  return axis < 0 ? axis + rank : axis;
}

/** Resolves axes (undefined = all) to a sorted list of distinct non-negative axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  if (typeof axis !== "number" && !Array.isArray(axis)) {
    throw new ValueError(`${op}: axis must be a number or an array of numbers, got ${String(axis)}`);
  }
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(op, a, rank));
  if (new Set(out).size !== out.length) throw new ShapeError(`${op}: repeated axis in [${list.join(",")}] for a tensor of rank ${rank}`);
  return out.sort((x, y) => x - y);
}

/** Validates a shape given by a user: non-negative integers. */
export function checkShape(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(`${op}: invalid shape ${Array.isArray(shape) ? fmtShape(shape) : String(shape)}; expected non-negative integers`);
  }
}

export { stridesOf } from "../backend/strides.js";

/** Arrays and typed arrays (a nested array may hold typed arrays as its innermost rows, as in TensorFlow.js). */
function isList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** The shape of nested JS arrays; throws on ragged nesting or non-numbers, naming the path. */
export function inferShape(op: string, values: unknown): number[] {
  const shape: number[] = [];
  let v: unknown = values;
  while (isList(v)) {
    shape.push(v.length);
    v = v[0];
  }
  const check = (node: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (isList(node) || (typeof node !== "number" && typeof node !== "boolean")) {
        throw new ValueError(`${op}: expected a number at ${path || "the top"}, got ${isList(node) ? "an array" : typeof node}`);
      }
      return;
    }
    if (!isList(node) || node.length !== shape[depth]) {
      throw new ShapeError(
        `${op}: ragged nested array: element ${path || "[]"} has ${isList(node) ? `length ${node.length}` : "no array"} but expected length ${shape[depth]}`,
      );
    }
    for (let i = 0; i < node.length; i++) check(node[i], depth + 1, `${path}[${i}]`);
  };
  check(values, 0, "");
  return shape;
}

/** Flattens nested arrays (already checked by inferShape) into `out`. */
export function flattenInto(values: unknown, out: number[]): void {
  if (isList(values)) for (let i = 0; i < values.length; i++) flattenInto(values[i], out);
  else out.push(Number(values));
}
