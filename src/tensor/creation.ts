/** Creating tensors: from values, filled, ranges and seeded random draws. */
import type { Backend, Storage } from "../backend/backend.js";
import { DTYPES, makeTypedArray, type DType, type TypedArray } from "../backend/dtype.js";
import { DTypeError, fmtShape, MemoryError, ShapeError, ValueError } from "../errors.js";
import { allocStorage, backend } from "./engine.js";
import { checkSeed, rngFor } from "./random.js";
import { checkShape, flattenInto, inferShape } from "./shape.js";
import { makeTensor, sizeOf, Tensor, type NestedArray } from "./tensor.js";

/**
 * What bp.tensor accepts: a number, nested arrays (whose innermost rows may be typed arrays), or a flat typed array.
 *
 * @example
 * const values: bp.TensorLike = new Float32Array([1, 2, 3, 4]);
 * bp.tensor(values, [2, 2]);   // => [[1, 2], [3, 4]]
 */
export type TensorLike = NestedArray | boolean | boolean[] | TypedArray | readonly number[] | readonly TensorLike[];

function checkDType(op: string, dtype: DType): DType {
  if (!DTYPES.includes(dtype)) {
    throw new DTypeError(`${op}: unknown dtype "${String(dtype)}"; expected "float32", "int32" or "float64"`);
  }
  if (!backend().dtypes.includes(dtype)) {
    throw new DTypeError(`${op}: dtype ${dtype} is not supported by the ${backend().name} backend; expected one of ${backend().dtypes.join(", ")}`);
  }
  return dtype;
}

/** A host-side array for `size` elements; a size the JS engine cannot allocate is a MemoryError, not a RangeError. */
function hostArray(op: string, dtype: DType, shape: readonly number[]): TypedArray {
  const size = sizeOf(shape);
  try {
    return makeTypedArray(dtype, size);
  } catch (e) {
    throw new MemoryError(`${op}: cannot allocate ${size} ${dtype} elements for shape ${fmtShape(shape)}: ${(e as Error).message}`);
  }
}

/**
 * A tensor whose storage is allocated on the backend first — so a size it cannot hold is a
 * MemoryError at once, before any host memory is touched — then written by `init` (freed if it throws).
 */
function created(op: string, shape: readonly number[], dtype: DType, init: (s: Storage, be: Backend) => void): Tensor {
  const be = backend();
  const s = allocStorage(dtype, sizeOf(shape), be, `${op} of shape ${fmtShape(shape)}`);
  try {
    init(s, be);
  } catch (e) {
    be.free(s);
    throw e;
  }
  return makeTensor(shape, dtype, undefined, s);
}

/** As created, with the values computed in a host array by `compute` and then written. */
function fromHost(op: string, shape: readonly number[], dtype: DType, compute: (data: TypedArray) => void): Tensor {
  return created(op, shape, dtype, (s, be) => {
    const data = hostArray(op, dtype, shape);
    compute(data);
    be.write(s, data);
  });
}

function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`${op}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

function checkValues(op: string, data: ArrayLike<number>, dtype: DType): void {
  if (dtype !== "int32") return;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isInteger(v) || v > 2147483647 || v < -2147483648) {
      throw new ValueError(`${op}: value ${v} at flat index ${i} is not a 32-bit integer, as dtype int32 requires`);
    }
  }
}

/**
 * A tensor from nested arrays, a flat array with a shape, or a typed array.
 *
 * @example
 * bp.tensor([[1, 2], [3, 4]]).shape;   // => [2, 2]
 * bp.tensor(new Float32Array(6), [2, 3]).shape;   // => [2, 3]
 * bp.tensor([1, 2], undefined, "int32").dtype;   // => "int32"
 */
export function tensor(values: TensorLike | Tensor, shape?: readonly number[], dtype?: DType): Tensor {
  if (values instanceof Tensor) {
    const data = values.dataSync();
    const dt = checkDType("tensor", dtype ?? values.dtype);
    checkValues("tensor", data, dt);
    return makeTensor(values.shape, dt, data);
  }
  const dt = checkDType("tensor", dtype ?? (values instanceof Int32Array ? "int32" : values instanceof Float64Array ? "float64" : "float32"));
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (ArrayBuffer.isView(values)) {
    flat = values;
    inferred = [values.length];
  } else if (typeof values === "number" || typeof values === "boolean") {
    flat = [Number(values)];
    inferred = [];
  } else {
    inferred = inferShape("tensor", values);
    const out: number[] = [];
    flattenInto(values, out);
    flat = out;
  }
  let finalShape = inferred;
  if (shape !== undefined) {
    checkShape("tensor", shape);
    if (sizeOf(shape) !== flat.length) {
      throw new ShapeError(`tensor: ${flat.length} values cannot fill shape ${fmtShape(shape)} (${sizeOf(shape)} elements)`);
    }
    finalShape = [...shape];
  }
  checkValues("tensor", flat, dt);
  return makeTensor(finalShape, dt, flat);
}

/**
 * A 0-d tensor.
 *
 * @example
 * bp.scalar(3.5).rank;   // => 0
 */
export function scalar(value: number, dtype: DType = "float32"): Tensor {
  return tensor(value, [], dtype);
}

function filled(op: string, shape: readonly number[], value: number, dtype: DType): Tensor {
  checkShape(op, shape);
  checkDType(op, dtype);
  if (typeof value !== "number" && typeof value !== "boolean") throw new ValueError(`${op}: value must be a number, got ${String(value)}`);
  if (dtype === "int32") checkValues(op, [value], dtype);
  const v = Number(value);
  return created(op, shape, dtype, (s, be) => {
    if (be.fill) be.fill(s, v);
    else be.write(s, hostArray(op, dtype, shape).fill(v));
  });
}

/**
 * A tensor of `shape` with every element `value`.
 *
 * @example
 * bp.full([2, 2], 7);   // => [[7, 7], [7, 7]]
 */
export function full(shape: readonly number[], value: number, dtype: DType = "float32"): Tensor {
  return filled("full", shape, value, dtype);
}

/**
 * A tensor of zeros: `bp.zeros([2, 3])`; the storage is allocated first and filled in place.
 *
 * @example
 * bp.zeros([2, 2]);   // => [[0, 0], [0, 0]]
 */
export function zeros(shape: readonly number[], dtype: DType = "float32"): Tensor {
  return filled("zeros", shape, 0, dtype);
}

/**
 * A tensor of ones: `bp.ones([2, 3], "int32")`.
 *
 * @example
 * bp.ones([2, 3]).shape;   // => [2, 3]
 */
export function ones(shape: readonly number[], dtype: DType = "float32"): Tensor {
  return filled("ones", shape, 1, dtype);
}

/**
 * Zeros with the shape and dtype of `x`: `bp.zerosLike(x)`.
 *
 * @example
 * bp.zerosLike(bp.tensor([1, 2, 3]));   // => [0, 0, 0]
 */
export function zerosLike(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`zerosLike: expected a Tensor, got ${typeof x}`);
  return filled("zerosLike", x.shape, 0, x.dtype);
}

/**
 * Ones with the shape and dtype of `x`: `bp.onesLike(x)`.
 *
 * @example
 * bp.onesLike(bp.tensor([[5, 6]]));   // => [[1, 1]]
 */
export function onesLike(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`onesLike: expected a Tensor, got ${typeof x}`);
  return filled("onesLike", x.shape, 1, x.dtype);
}

/**
 * The n×m identity matrix (m defaults to n).
 *
 * @example
 * bp.eye(2);   // => [[1, 0], [0, 1]]
 */
export function eye(n: number, m: number = n, dtype: DType = "float32"): Tensor {
  checkShape("eye", [n, m]);
  return fromHost("eye", [n, m], checkDType("eye", dtype), (data) => {
    for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  });
}

/**
 * Evenly spaced values in [start, stop) — `arange(5)` is [0..4], `arange(0, 10, 2)` is [0, 2, 4, 6, 8].
 *
 * @example
 * bp.arange(0, 10, 2);   // => [0, 2, 4, 6, 8]
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = "float32"): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [k, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (!Number.isFinite(v)) throw new ValueError(`arange: ${k} must be finite, got ${v}`);
  }
  if (step === 0) throw new ValueError(`arange: step must not be 0 (start ${start}, stop ${stop})`);
  if (dtype === "int32" && !(Number.isInteger(start) && Number.isInteger(step))) {
    throw new ValueError(`arange: start ${start} and step ${step} must be integers for dtype int32`);
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  checkDType("arange", dtype);
  if (dtype === "int32" && n > 0) checkValues("arange", [start, start + (n - 1) * step], dtype);
  const first = start;
  return fromHost("arange", [n], dtype, (data) => {
    for (let i = 0; i < n; i++) data[i] = first + i * step;
  });
}

/**
 * n evenly spaced values from start to stop inclusive.
 *
 * @example
 * bp.linspace(0, 1, 5);   // => [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, n: number): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`linspace: n must be a non-negative integer, got ${n}`);
  finite("linspace", "start", start);
  finite("linspace", "stop", stop);
  return fromHost("linspace", [n], "float32", (data) => {
    for (let i = 0; i < n; i++) data[i] = n === 1 ? start : start + ((stop - start) * i) / (n - 1);
  });
}

export interface RandomOptions {
  seed?: number;
  dtype?: DType;
}

function random(op: string, shape: readonly number[], options: RandomOptions, draw: (u: () => number, n: () => number) => number): Tensor {
  checkShape(op, shape);
  const dtype = checkDType(op, options.dtype ?? "float32");
  if (dtype === "int32") throw new DTypeError(`${op}: dtype must be a float dtype, got int32`);
  if (options.seed !== undefined) checkSeed(op, options.seed);
  return fromHost(op, shape, dtype, (data) => {
    const rng = rngFor(options.seed);
    const u = (): number => rng.uniform();
    const n = (): number => rng.normal();
    for (let i = 0; i < data.length; i++) data[i] = draw(u, n);
  });
}

/** Standard normal draws, seeded: `bp.randn([2, 3], { seed: 1 })`. */
function normalParams(op: string, options: { mean?: number; stddev?: number }): [number, number] {
  const mean = finite(op, "mean", options.mean ?? 0);
  const std = finite(op, "stddev", options.stddev ?? 1);
  if (std < 0) throw new ValueError(`${op}: stddev must be non-negative, got ${std}`);
  return [mean, std];
}

/**
 * Normally distributed values, seeded: `bp.randn([2, 3], { seed: 1, mean: 0, stddev: 1 })`.
 *
 * @example
 * const z = bp.randn([1000], { seed: 1, mean: 0, stddev: 1 });
 * Math.abs(z.mean().item()) < 0.1;   // => true
 */
export function randn(shape: readonly number[], options: RandomOptions & { mean?: number; stddev?: number } = {}): Tensor {
  const [mean, std] = normalParams("randn", options);
  return random("randn", shape, options, (_u, n) => mean + std * n());
}

/**
 * Uniform draws in [minval, maxval) (default [0, 1)), seeded.
 *
 * @example
 * const u = bp.rand([2, 3], { seed: 1 });   // uniform in [0, 1)
 * u.min().item() >= 0 && u.max().item() < 1;   // => true
 */
export function rand(shape: readonly number[], options: RandomOptions & { minval?: number; maxval?: number } = {}): Tensor {
  const lo = finite("rand", "minval", options.minval ?? 0);
  const hi = finite("rand", "maxval", options.maxval ?? 1);
  if (!(hi > lo)) throw new ValueError(`rand: maxval ${hi} must exceed minval ${lo}`);
  return random("rand", shape, options, (u) => lo + (hi - lo) * u());
}

/**
 * Normal draws re-drawn until within two standard deviations (Keras's truncated normal).
 *
 * @example
 * const t = bp.truncatedNormal([1000], { seed: 1, stddev: 0.5 });   // redrawn beyond 2 stddev
 * t.abs().max().item() <= 1;   // => true
 */
export function truncatedNormal(shape: readonly number[], options: RandomOptions & { mean?: number; stddev?: number } = {}): Tensor {
  const [mean, std] = normalParams("truncatedNormal", options);
  return random("truncatedNormal", shape, options, (_u, n) => {
    for (;;) {
      const z = n();
      if (Math.abs(z) <= 2) return mean + std * z;
    }
  });
}
