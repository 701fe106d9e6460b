/**
 * Tensor: an immutable n-dimensional array — a shape, a dtype and a handle to backend storage.
 * Op methods (`a.add(b)`, `a.sum()`) are generated from the op table in src/ops/methods.ts.
 */
import type { Storage } from "../backend/backend.js";
import type { DType, TypedArray } from "../backend/dtype.js";
import { fmtShape, MemoryError, ShapeError, ValueError } from "../errors.js";
import type { TensorMethods } from "../ops/methods.js";
import { allocStorage, keep, release, retain, rewatch, storageBackend, track, untrack } from "./engine.js";
import { formatValues } from "./format.js";

/**
 * Nested JS arrays of numbers, as returned by toArray().
 *
 * @example
 * const rows: bp.NestedArray = [[1, 2], [3, 4]];
 * bp.tensor(rows).shape;   // => [2, 2]
 */
export type NestedArray = number | NestedArray[];

/** How a recorded op computes the gradients of its inputs (set by autograd, read by backward). */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** Vector-Jacobian products, one per input (null: no gradient flows to that input). */
  vjp(g: Tensor, out: Tensor): (Tensor | null)[];
}

function describe(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array (wrap it with bp.tensor)" : typeof v;
}

/**
 * Node's `util.inspect.custom` key, taken from the global symbol registry so that the core imports
 * nothing from Node: `console.log(t)` prints the formatted tensor instead of the object's fields.
 */
const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

// The generated op methods are merged into the class's type here.
/** An immutable n-dimensional array: shape, dtype and backend storage; every op is also a method. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Tensor extends TensorMethods {}

/**
 * An immutable n-dimensional array: shape, dtype and backend storage; every op is also a method.
 *
 * @example
 * const a = bp.tensor([[1, 2], [3, 4]]);
 * [a.shape, a.rank, a.size, a.dtype];   // => [[2, 2], 2, 4, "float32"]
 * a.add(1).mul(2).sum().item();   // => 28
 * a.matmul(a.transpose());   // => [[5, 11], [11, 25]]
 * a.toArray();   // => [[1, 2], [3, 4]]
 * Array.from(a.dataSync());   // => [1, 2, 3, 4]
 * await a.array();   // => [[1, 2], [3, 4]]
 * a.print();   // Tensor(shape=[2,2], dtype=float32) and the values
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Tensor {
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  /** The autodiff record of the op that produced this tensor, while gradients are being taken. */
  node: GradNode | undefined;
  /** True for tensors that gradients are taken with respect to (trainable variables, grad arguments). */
  requiresGrad = false;
  /**
   * For the output of a last-axis softmax, the logits it was computed from (see softmaxLogits in
   * ops/activation.ts): cross-entropy losses use them, as Keras does with `_keras_logits`.
   */
  softmaxOf: Tensor | undefined = undefined;
  protected storage_: Storage;
  private disposed = false;

  /** Wraps existing storage (the engine's constructor; users call bp.tensor). */
  constructor(storage: Storage, shape: readonly number[], dtype: DType) {
    this.storage_ = storage;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this.id = track(this, storage, this);
  }

  /**
   * The number of axes: 0 for a scalar, 2 for a matrix.
   *
   * @example
   * bp.ones([2, 3, 4]).rank;   // => 3
   */
  get rank(): number {
    return this.shape.length;
  }

  /**
   * Whether dispose() has released this tensor's storage (a disposed tensor can no longer be read).
   *
   * @example
   * const t = bp.ones([2]);
   * t.dispose();
   * t.isDisposed;   // => true
   */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * The storage handle (for ops and backends). Throws if the tensor was disposed.
   *
   * @example
   * bp.zeros([2, 3]).storage.size;   // => 6
   */
  get storage(): Storage {
    if (this.disposed) {
      throw new MemoryError(`tensor: tensor #${this.id} with shape ${fmtShape(this.shape)} was disposed`);
    }
    return this.storage_;
  }

  /**
   * A copy of the contents as a flat, row-major typed array.
   *
   * @example
   * const data = bp.tensor([[1, 2], [3, 4]]).dataSync();   // row-major
   * data instanceof Float32Array;   // => true
   * Array.from(data);   // => [1, 2, 3, 4]
   */
  dataSync(): TypedArray {
    const s = this.storage;
    return storageBackend(s).read(s);
  }

  /**
   * Same as dataSync, for code written against TensorFlow.js's async API.
   *
   * @example
   * const data = await bp.tensor([1, 2, 3]).data();
   * Array.from(data);   // => [1, 2, 3]
   */
  data(): Promise<TypedArray> {
    return Promise.resolve(this.dataSync());
  }

  /**
   * Same as toArray, for code written against TensorFlow.js's async API (`await t.array()`).
   *
   * @example
   * await bp.tensor([[1, 2], [3, 4]]).array();   // => [[1, 2], [3, 4]]
   */
  array(): Promise<NestedArray> {
    return Promise.resolve(this.toArray());
  }

  /**
   * The contents as nested JS arrays (a number for a scalar).
   *
   * @example
   * bp.tensor([[1, 2], [3, 4]]).toArray();   // => [[1, 2], [3, 4]]
   * bp.scalar(5).toArray();   // => 5
   */
  toArray(): NestedArray {
    const data = this.dataSync();
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.shape.length) return data[offset] ?? 0;
      const n = this.shape[axis] ?? 0;
      const stride = sizeOf(this.shape.slice(axis + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) out.push(build(axis + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /**
   * The value of a one-element tensor.
   *
   * @example
   * bp.tensor([[1, 2], [3, 4]]).sum().item();   // => 10
   */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(`item: expected a tensor with one element, got shape ${fmtShape(this.shape)} (${this.size} elements)`);
    }
    return this.dataSync()[0] ?? 0;
  }

  /**
   * Frees the storage now (otherwise a scope or the garbage collector does it). Idempotent.
   *
   * @example
   * const before = bp.memory().numTensors;
   * const t = bp.ones([1000, 1000]);
   * t.dispose();   // frees its storage now rather than when collected
   * bp.memory().numTensors;   // => before
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.softmaxOf = undefined;
    // the autodiff record stays, so a backward pass through a disposed tensor fails loudly instead of stopping there
    untrack(this.storage_, this);
  }

  /**
   * The formatted tensor, as print() and console.log show it: shape, dtype and values.
   *
   * @example
   * String(bp.tensor([1, 2]));   // => "Tensor(shape=[2], dtype=float32)\n[1., 2.]"
   */
  toString(): string {
    const head = `Tensor(shape=${fmtShape(this.shape)}, dtype=${this.dtype})`;
    if (this.disposed) return `${head} <disposed>`;
    return `${head}\n${formatValues(this.dataSync(), this.shape, this.dtype)}`;
  }

  /**
   * Writes toString() to the console, as TensorFlow.js's `t.print()`.
   *
   * @example
   * bp.tensor([[1, 2], [3, 4]]).print();   // console.log of the formatted tensor:
   * // Tensor(shape=[2,2], dtype=float32)
   * // [[1., 2.],
   * //  [3., 4.]]
   * String(bp.tensor([[1, 2], [3, 4]])).split("\n");   // => ["Tensor(shape=[2,2], dtype=float32)", "[[1., 2.],", " [3., 4.]]"]
   */
  print(): void {
    console.log(this.toString());
  }

  /** What `console.log(t)` and `util.inspect(t)` show in Node: the formatted tensor. */
  [INSPECT](): string {
    return this.toString();
  }

  /** Replaces the storage (used by Variable.assign). */
  protected swapStorage(next: Storage): void {
    retain(next);
    const prev = this.storage;
    this.storage_ = next;
    rewatch(this, prev, next);
    release(prev);
  }
}

/**
 * A tensor on `storage`, or on new storage of the active backend filled from `data` if given;
 * `what` names the op in an out-of-memory error.
 */
export function makeTensor(
  shape: readonly number[],
  dtype: DType,
  data?: ArrayLike<number>,
  storage?: Storage,
  what?: string,
): Tensor {
  const s = storage ?? allocStorage(dtype, sizeOf(shape), undefined, what);
  if (data) storageBackend(s).write(s, data);
  return new Tensor(s, shape, dtype);
}

/**
 * A trainable tensor whose value can change: `w.assign(t)` replaces its contents in place, so
 * optimizers and layers keep one object per parameter.
 *
 * @example
 * const w = bp.variable(bp.tensor([1, 2]), { name: "w" });
 * w.assign(w.sub(bp.tensor([0.5, 0.5])));   // in place: layers and optimizers keep the same object
 * w;   // => [0.5, 1.5]
 * w.trainable;   // => true
 */
export class Variable extends Tensor {
  name: string;
  private trainable_ = true;

  constructor(initial: Tensor, options: { trainable?: boolean; name?: string } = {}) {
    if (!(initial instanceof Tensor)) throw new ValueError(`variable: the initial value must be a Tensor, got ${describe(initial)}`);
    const s = allocStorage(initial.dtype, initial.size, storageBackend(initial.storage));
    storageBackend(s).copy(initial.storage, s);
    super(s, initial.shape, initial.dtype);
    // long-lived state: no memory scope disposes a variable, even one created inside tidy (as in TensorFlow.js)
    keep(this);
    this.trainable = options.trainable ?? true;
    this.name = options.name ?? `variable_${this.id}`;
  }

  /**
   * Whether optimizers update it and gradients are taken with respect to it.
   *
   * @example
   * const w = bp.variable(bp.ones([2]));
   * w.trainable = false;   // optimizers and fit leave it alone
   * w.trainable;   // => false
   */
  get trainable(): boolean {
    return this.trainable_;
  }

  set trainable(value: boolean) {
    this.trainable_ = value;
    this.requiresGrad = value;
  }

  /**
   * Sets the value; `value` must have the variable's shape (its dtype is converted if needed).
   *
   * @example
   * const w = bp.variable(bp.tensor([1, 2]));
   * w.assign(w.mul(10));
   * w;   // => [10, 20]
   */
  assign(value: Tensor): this {
    if (!(value instanceof Tensor)) throw new ValueError(`assign: the value for variable "${this.name}" must be a Tensor, got ${describe(value)}`);
    if (value.shape.length !== this.shape.length || value.shape.some((d, i) => d !== this.shape[i])) {
      throw new ShapeError(
        `assign: value shape ${fmtShape(value.shape)} differs from variable "${this.name}" shape ${fmtShape(this.shape)}`,
      );
    }
    const src = value.dtype === this.dtype ? value : value.cast(this.dtype);
    const own = this.storage;
    const be = storageBackend(own);
    if (own.refCount === 1 && storageBackend(src.storage) === be) {
      be.copy(src.storage, own);
    } else {
      const s = allocStorage(this.dtype, this.size, be);
      const data = storageBackend(src.storage).read(src.storage);
      be.write(s, data);
      this.swapStorage(s);
    }
    if (src !== value) src.dispose();
    return this;
  }
}
