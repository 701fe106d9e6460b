/** Shape and indexing ops: reshape, transpose, expandDims, squeeze, concat, stack, slice, gather, oneHot, where… */
import * as P from "../autograd/primitives/index.js";
import { promote } from "../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { checkedRead } from "../tensor/capture.js";
import { broadcastShapes, checkShape, normalizeAxes, normalizeAxis, sameShape } from "../tensor/shape.js";
import { makeTensor, Tensor } from "../tensor/tensor.js";
import { checkTensor, composite, toTensor, type Operand } from "./convert.js";

/**
 * Reshape; one entry may be -1 and is inferred.
 *
 * @example
 * bp.reshape(bp.arange(0, 6), [2, 3]);   // => [[0, 1, 2], [3, 4, 5]]
 * bp.arange(0, 6).reshape([3, -1]).shape;   // => [3, 2]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor("reshape", x);
  if (!Array.isArray(shape)) throw new ValueError(`reshape: shape must be an array of integers, got ${String(shape)}`);
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1 || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ValueError(`reshape: invalid target shape ${fmtShape(shape)}; expected non-negative integers and at most one -1`);
  }
  let resolved = [...shape];
  if (unknown === 1) {
    const known = shape.reduce((n, d) => (d === -1 ? n : n * d), 1);
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)}`);
    }
    resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (sameShape(resolved, x.shape)) return x;
  return P.reshape(x, resolved);
}

/**
 * To one dimension.
 *
 * @example
 * bp.flatten(bp.ones([2, 3, 4])).shape;   // => [24]
 */
export function flatten(x: Tensor): Tensor {
  return reshape(x, [checkTensor("flatten", x).size]);
}

/**
 * Inserts an axis of size 1 at `axis` (default 0; negative counts from the end of the result).
 *
 * @example
 * bp.expandDims(bp.tensor([1, 2]), 1);   // => [[1], [2]]
 */
export function expandDims(x: Tensor, axis = 0): Tensor {
  checkTensor("expandDims", x);
  const a = normalizeAxis("expandDims", axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/**
 * Removes axes of size 1 (all of them, or those listed).
 *
 * @example
 * bp.squeeze(bp.ones([1, 3, 1])).shape;   // => [3]
 */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  checkTensor("squeeze", x);
  const axes = axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes("squeeze", axis, x.rank);
  for (const a of axes) {
    if (x.shape[a] !== 1) throw new ShapeError(`squeeze: axis ${a} of shape ${fmtShape(x.shape)} has size ${x.shape[a]}, expected 1`);
  }
  return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
}

/**
 * Permutes axes (reverses them by default).
 *
 * @example
 * bp.transpose(bp.tensor([[1, 2, 3], [4, 5, 6]]));   // => [[1, 4], [2, 5], [3, 6]]
 * bp.transpose(bp.ones([2, 3, 4]), [0, 2, 1]).shape;   // => [2, 4, 3]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  checkTensor("transpose", x);
  const p = perm ? [...perm] : x.shape.map((_, i) => x.rank - 1 - i);
  if (p.every((v, i) => v === i) && p.length === x.rank) return x;
  return P.transpose([x], { perm: p.map((a) => (a < 0 ? a + x.rank : a)) });
}

/**
 * Repeats size-1 axes (and adds leading ones) to reach `shape`.
 *
 * @example
 * bp.broadcastTo(bp.tensor([1, 2]), [2, 2]);   // => [[1, 2], [1, 2]]
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor("broadcastTo", x);
  checkShape("broadcastTo", shape);
  if (sameShape(x.shape, shape)) return x;
  return P.broadcastTo([x], { shape: [...shape] });
}

/**
 * Sums a broadcast result back down to `shape` (the transpose of broadcastTo).
 *
 * @example
 * bp.sumTo(bp.ones([3, 2]), [2]);   // => [3, 3]
 */
export function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const lead = x.rank - shape.length;
  if (lead < 0) throw new ShapeError(`sumTo: cannot sum ${fmtShape(x.shape)} to the larger rank of ${fmtShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (i < lead) axes.push(i);
    else if (shape[i - lead] === 1 && x.shape[i] !== 1) axes.push(i);
    else if (shape[i - lead] !== x.shape[i]) throw new ShapeError(`sumTo: cannot sum ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
  }
  return composite(() => reshape(axes.length > 0 ? P.sum([x], { axes }) : x, shape));
}

/**
 * Joins tensors along an existing axis (dtypes are promoted to a common one).
 *
 * @example
 * bp.concat([bp.tensor([[1, 2]]), bp.tensor([[3, 4]])], 0);   // => [[1, 2], [3, 4]]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new ValueError("concat: expected a non-empty array of tensors");
  tensors.forEach((t, i) => checkTensor("concat", t, `tensors[${i}]`));
  const first = tensors[0] as Tensor;
  if (first.rank === 0) throw new ShapeError("concat: cannot concatenate scalars; use stack");
  const a = normalizeAxis("concat", axis, first.rank);
  if (tensors.length === 1) return first;
  const dtype = tensors.reduce((d, t) => promote(d, t.dtype), first.dtype);
  return composite(() => P.concat(tensors.map((t) => (t.dtype === dtype ? t : t.cast(dtype))), { axis: a }));
}

/**
 * Joins tensors of one shape along a new axis.
 *
 * @example
 * bp.stack([bp.tensor([1, 2]), bp.tensor([3, 4])], 1);   // => [[1, 3], [2, 4]]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new ValueError("stack: expected a non-empty array of tensors");
  const first = checkTensor("stack", tensors[0], "tensors[0]");
  tensors.forEach((t, i) => {
    checkTensor("stack", t, `tensors[${i}]`);
    if (!sameShape(t.shape, first.shape)) {
      throw new ShapeError(`stack: tensors must share one shape; tensors[0] is ${fmtShape(first.shape)}, tensors[${i}] is ${fmtShape(t.shape)}`);
    }
  });
  const a = normalizeAxis("stack", axis, first.rank + 1);
  return composite(() => {
    const expanded = tensors.map((t) => expandDims(t, a));
    return expanded.length === 1 ? (expanded[0] as Tensor) : concat(expanded, a);
  });
}

/**
 * Splits along `axis` into tensors with one fewer axis.
 *
 * @example
 * const [a, b] = bp.unstack(bp.tensor([[1, 2], [3, 4]]));
 * b;   // => [3, 4]
 */
export function unstack(x: Tensor, axis = 0): Tensor[] {
  checkTensor("unstack", x);
  const a = normalizeAxis("unstack", axis, x.rank);
  const n = x.shape[a] as number;
  const size = x.shape.map((d, i) => (i === a ? 1 : d));
  const rest = x.shape.filter((_, j) => j !== a);
  return composite(() => Array.from({ length: n }, (_, i) => reshape(slice(x, x.shape.map((_, j) => (j === a ? i : 0)), size), rest)));
}

/**
 * Splits along `axis` into equal parts (a number) or parts of the given sizes.
 *
 * @example
 * const [head, tail] = bp.split(bp.arange(0, 5), [2, 3]);
 * head;   // => [0, 1]
 * tail;   // => [2, 3, 4]
 */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  checkTensor("split", x);
  const a = normalizeAxis("split", axis, x.rank);
  const n = x.shape[a] as number;
  let parts: number[];
  if (typeof sizes === "number") {
    if (!Number.isInteger(sizes) || sizes <= 0 || n % sizes !== 0) throw new ValueError(`split: axis ${a} of size ${n} cannot be split into ${sizes} equal parts`);
    parts = new Array<number>(sizes).fill(n / sizes);
  } else {
    parts = [...sizes];
    if (parts.reduce((s, v) => s + v, 0) !== n || parts.some((v) => !Number.isInteger(v) || v < 0)) {
      throw new ValueError(`split: sizes [${parts.join(",")}] do not add up to ${n}, the size of axis ${a}`);
    }
  }
  let offset = 0;
  return parts.map((p) => {
    const begin = x.shape.map((_, i) => (i === a ? offset : 0));
    offset += p;
    return slice(x, begin, x.shape.map((d, i) => (i === a ? p : d)));
  });
}

/**
 * The box starting at `begin` with `size` (-1 = to the end), as in TensorFlow.js; begin/size may be numbers for axis 0.
 *
 * @example
 * const x = bp.tensor([[1, 2, 3], [4, 5, 6]]);
 * bp.slice(x, [0, 1], [2, 2]);   // => [[2, 3], [5, 6]]
 * bp.slice(x, [1, 0], [1, -1]);   // => [[4, 5, 6]]
 */
export function slice(x: Tensor, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  checkTensor("slice", x);
  const b = typeof begin === "number" ? [begin, ...new Array<number>(Math.max(x.rank - 1, 0)).fill(0)] : [...begin];
  while (b.length < x.rank) b.push(0);
  const s = size === undefined ? b.map(() => -1) : typeof size === "number" ? [size, ...new Array<number>(Math.max(x.rank - 1, 0)).fill(-1)] : [...size];
  while (s.length < x.rank) s.push(-1);
  if (b.length !== x.rank || s.length !== x.rank) {
    throw new ShapeError(`slice: begin [${b.join(",")}] and size [${s.join(",")}] must have one entry per axis of shape ${fmtShape(x.shape)}`);
  }
  const resolved = s.map((v, i) => (v === -1 ? (x.shape[i] as number) - (b[i] as number) : v));
  if (b.every((v) => v === 0) && sameShape(resolved, x.shape)) return x;
  return P.slice([x], { begin: b, size: resolved });
}

/**
 * Pads each axis with [before, after] cells of `value` (default 0).
 *
 * @example
 * bp.pad(bp.tensor([[1, 2]]), [[1, 0], [0, 1]]);   // => [[0, 0, 0], [1, 2, 0]]
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  checkTensor("pad", x);
  return P.pad([x], { paddings: paddings.map((p) => [p[0], p[1]] as [number, number]), value });
}

function finiteValue(op: string, name: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`${op}: ${name} must be a finite number, got ${String(v)}`);
}

/** Index tensors: an int32 tensor as is, or an array of integers (anything else is an error naming the op). */
function indexTensor(op: string, indices: Tensor | readonly number[]): Tensor {
  if (indices instanceof Tensor) {
    if (indices.dtype !== "int32") throw new DTypeError(`${op}: indices must be int32, got ${indices.dtype} with shape ${fmtShape(indices.shape)}`);
    return indices;
  }
  if (!Array.isArray(indices)) throw new ValueError(`${op}: indices must be an int32 tensor or an array of integers, got ${String(indices)}`);
  indices.forEach((v, i) => {
    if (!Number.isInteger(v) || Math.abs(v) > 2147483647) throw new ValueError(`${op}: index ${String(v)} at position ${i} is not an integer`);
  });
  return makeTensor([indices.length], "int32", indices);
}

/**
 * Slices of x along `axis` at the int32 `indices` (a tensor or an array of integers).
 *
 * @example
 * bp.gather(bp.tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]);   // => [[5, 6], [1, 2]]
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  checkTensor("gather", x);
  const a = normalizeAxis("gather", axis, x.rank);
  return composite(() => P.gather([x, indexTensor("gather", indices)], { axis: a }));
}

/**
 * Adds slices of `updates` into zeros of `shape` at `indices` along `axis` (the transpose of gather).
 *
 * @example
 * bp.scatterAdd(bp.tensor([1, 2, 3]), [0, 2, 0], 0, [3]);   // => [4, 0, 2]
 */
export function scatterAdd(updates: Tensor, indices: Tensor | readonly number[], axis: number, shape: readonly number[]): Tensor {
  checkTensor("scatterAdd", updates, "updates");
  checkShape("scatterAdd", shape);
  const a = normalizeAxis("scatterAdd", axis, shape.length);
  return composite(() => P.scatterAdd([updates, indexTensor("scatterAdd", indices)], { axis: a, shape: [...shape] }));
}

/**
 * One-hot rows for int32 class indices: shape [...indices.shape, depth], float32.
 *
 * @example
 * bp.oneHot([0, 2], 3);   // => [[1, 0, 0], [0, 0, 1]]
 * bp.oneHot(bp.tensor([1], undefined, "int32"), 2);   // => [[0, 1]]
 */
export function oneHot(indices: Tensor | readonly number[], depth: number, onValue = 1, offValue = 0): Tensor {
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1) {
    throw new ValueError(`oneHot: depth must be a positive integer, got ${String(depth)}`);
  }
  finiteValue("oneHot", "onValue", onValue);
  finiteValue("oneHot", "offValue", offValue);
  const idx = indexTensor("oneHot", indices);
  const outOfRange = (v: number, i: number): ValueError =>
    new ValueError(`oneHot: index ${v} at position ${i} is out of range for depth ${depth}; expected 0 ≤ index < ${depth}`);
  if (idx === indices) {
    // a tensor: compared on the device with 0…depth−1, so a captured step computes it afresh on each replay
    checkedRead(idx.storage, (data) => data.forEach((v, i) => {
      if (v < 0 || v >= depth) throw outOfRange(v, i);
    }));
    return composite(() => {
      const classes = makeTensor([depth], "int32", Int32Array.from({ length: depth }, (_, i) => i));
      return where(P.equal([idx.reshape([...idx.shape, 1]), classes], {}), onValue, offValue);
    });
  }
  const data = idx.dataSync();
  const shape = [...idx.shape, depth];
  if (idx !== indices) idx.dispose();
  const out = new Float32Array(data.length * depth).fill(offValue);
  data.forEach((v, i) => {
    if (v < 0 || v >= depth) throw outOfRange(v, i);
    out[i * depth + v] = onValue;
  });
  return makeTensor(shape, "float32", out);
}

/**
 * Elements of a where cond ≠ 0, else of b; all three broadcast.
 *
 * @example
 * bp.where(bp.tensor([1, 0, 1]), bp.tensor([1, 2, 3]), 0);   // => [1, 0, 3]
 * const x = bp.tensor([-1, 2]);
 * x.greater(0).where(x, x.mul(0.1));   // => [-0.1, 2]
 */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  checkTensor("where", cond, "cond");
  return composite(() => {
    // a number takes the dtype of the tensor it meets
    const like = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : "float32";
    let ta = toTensor("where", a, like);
    let tb = toTensor("where", b, ta.dtype);
    const dtype = promote(ta.dtype, tb.dtype);
    if (ta.dtype !== dtype) ta = ta.cast(dtype);
    if (tb.dtype !== dtype) tb = tb.cast(dtype);
    broadcastShapes("where", cond.shape, broadcastShapes("where", ta.shape, tb.shape));
    return P.where([cond, ta, tb], {});
  });
}

/**
 * Changes the dtype.
 *
 * @example
 * bp.cast(bp.tensor([1.7, -2.2]), "int32");   // => [1, -2]
 */
export function cast(x: Tensor, dtype: Tensor["dtype"]): Tensor {
  checkTensor("cast", x);
  if (x.dtype === dtype) return x;
  return P.cast([x], { dtype });
}

/**
 * The same values, held constant for differentiation.
 *
 * @example
 * const f = (x: bp.Tensor) => x.mul(bp.stopGradient(x)).sum();   // d/dx treats the second x as a constant
 * bp.grad(f)(bp.tensor([3]));   // => [3]
 */
export function stopGradient(x: Tensor): Tensor {
  checkTensor("stopGradient", x);
  return makeTensor(x.shape, x.dtype, undefined, x.storage);
}

/**
 * Repeats x `reps[i]` times along each axis.
 *
 * @example
 * bp.tile(bp.tensor([[1, 2]]), [2, 2]);   // => [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  checkTensor("tile", x);
  if (reps.length !== x.rank || reps.some((r) => !Number.isInteger(r) || r < 1)) {
    throw new ValueError(`tile: reps [${reps.join(",")}] must be ${x.rank} positive integers`);
  }
  // interleave a new size-r axis before each axis, broadcast, then merge
  const target = x.shape.flatMap((d, i) => [reps[i] as number, d]);
  return composite(() => reshape(broadcastTo(reshape(x, x.shape.flatMap((d) => [1, d])), target), x.shape.map((d, i) => d * (reps[i] as number))));
}

