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
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Resolves a possibly negative axis against `rank`. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ValueError(`${op}: axis ${axis} is out of range for a tensor of rank ${rank}; expected an integer in [${-rank}, ${Math.max(rank - 1, 0)}]`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves axes (undefined = all) to a sorted list of distinct non-negative axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = list.map((a) => {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new ValueError(`${op}: axis ${a} is out of range for a tensor of rank ${rank}; expected an integer in [${-rank}, ${rank - 1}]`);
    }
    return a < 0 ? a + rank : a;
  });
  if (new Set(out).size !== out.length) throw new ValueError(`${op}: repeated axis in [${list.join(",")}]`);
  return out.sort((x, y) => x - y);
}

/** Validates a shape given by a user: non-negative integers. */
export function checkShape(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(`${op}: invalid shape ${Array.isArray(shape) ? fmtShape(shape) : String(shape)}; expected non-negative integers`);
  }
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] ?? 1;
  }
  return s;
}

/** The shape of nested JS arrays; throws on ragged nesting or non-numbers, naming the path. */
export function inferShape(op: string, values: unknown): number[] {
  const shape: number[] = [];
  let v: unknown = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  const check = (node: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (Array.isArray(node) || (typeof node !== "number" && typeof node !== "boolean")) {
        throw new ValueError(`${op}: expected a number at ${path || "the top"}, got ${Array.isArray(node) ? "an array" : typeof node}`);
      }
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new ShapeError(
        `${op}: ragged nested array: element ${path || "[]"} has ${Array.isArray(node) ? `length ${node.length}` : "no array"} but expected length ${shape[depth]}`,
      );
    }
    node.forEach((c, i) => check(c, depth + 1, `${path}[${i}]`));
  };
  check(values, 0, "");
  return shape;
}

/** Flattens nested arrays (already checked by inferShape) into `out`. */
export function flattenInto(values: unknown, out: number[]): void {
  if (Array.isArray(values)) for (const v of values) flattenInto(v, out);
  else out.push(Number(values));
}
