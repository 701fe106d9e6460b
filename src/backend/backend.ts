/**
 * The backend seam. A backend owns tensor storage and implements one kernel per primitive.
 * It knows nothing of autodiff: gradients are written with ops above this layer.
 *
 * Storage design. A Tensor holds a `Storage` handle, never the bytes themselves. The js backend's
 * handle wraps a typed array; the wasm backend's handle is an offset and a byte length in WebAssembly
 * linear memory, so a tensor's data stays in WASM memory from creation to disposal and kernels run on
 * it in place, with no copy per op. Storage is reference counted (reshape shares it); the engine
 * frees it when the last tensor using it is disposed — explicitly, at the end of a `tidy` scope (the
 * training loop runs every step in one), or through a FinalizationRegistry when a tensor is
 * garbage-collected without being disposed. `read` copies out (dataSync); `view` gives a transient
 * typed-array view for the engine's own use, which must not be held across an allocation because
 * WASM memory growth replaces the underlying buffer.
 */
import type { DType, TypedArray } from "./dtype.js";
import type { KernelAttrs, KernelName } from "./kernel-attrs.js";
import type { UpdateRuleTable } from "./update-rules.js";

/**
 * A backend's handle to a tensor's memory, shared by tensors that view the same data.
 *
 * @example
 * const t = bp.zeros([2, 3]);
 * const storage: bp.Storage = t.storage;
 * storage.size;   // => 6
 */
export interface Storage {
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** Tensors that currently use this storage; freed when it drops to 0. */
  refCount: number;
}

/** What a kernel sees of a tensor: its storage, shape and dtype. Always contiguous, row-major. */
export interface KernelTensor<S extends Storage> {
  readonly storage: S;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
}

/** A kernel writes its result into `out`, which the engine has allocated with the output's shape. */
export type Kernel<S extends Storage, A> = (
  inputs: readonly KernelTensor<S>[],
  out: KernelTensor<S>,
  attrs: A,
) => void;

/**
 * A backend's kernels, one per primitive: a missing kernel is a type error.
 *
 * @example
 * // a backend's kernels, one per primitive name: a missing kernel is a type error
 * const kernelCount = (table: bp.KernelTable<bp.Storage>) => Object.keys(table).length;
 * typeof kernelCount;   // => "function"
 */
export type KernelTable<S extends Storage> = { [P in KernelName]: Kernel<S, KernelAttrs[P]> };

/**
 * A compute backend: storage allocation and one kernel per primitive (see bp.registerBackend).
 *
 * @example
 * // a backend allocates storage and runs one kernel per primitive; bp.registerBackend adds one
 * const describeBackend = (be: bp.Backend) => `${be.name}: ${be.dtypes.join(", ")}, ${be.bytesInUse()} bytes in use`;
 * typeof describeBackend;   // => "function"
 */
export interface Backend<S extends Storage = Storage> {
  readonly name: string;
  readonly dtypes: readonly DType[];
  /** Allocates storage for `size` elements; contents are unspecified until written. */
  alloc(dtype: DType, size: number): S;
  free(storage: S): void;
  /** Copies `data` (length = storage.size) into storage. */
  write(storage: S, data: ArrayLike<number>): void;
  /** Sets every element to `value` in place (zeros, ones, full); without it the engine writes a filled host array. */
  fill?(storage: S, value: number): void;
  /** Returns a fresh copy of the contents. */
  read(storage: S): TypedArray;
  /** Copies the contents of one storage into another of the same dtype and size. */
  copy(src: S, dst: S): void;
  readonly kernels: KernelTable<S>;
  /** In-place optimizer update rules (see update-rules.ts); without them optimizers use their formulas with ops. */
  readonly updateRules?: UpdateRuleTable<S>;
  /** Bytes currently allocated (for memory reporting). */
  bytesInUse(): number;
  /**
   * Runs one replay of a captured step (see bp.compileStep). `program` describes the step (its input
   * shapes and operations), the same for the same step recorded again, e.g. by the next fit of a
   * model. A backend with threads may run some replays alone and keep the faster way; without this
   * the engine calls `run`.
   */
  runProgram?<T>(program: string, run: () => T): T;
  /**
   * Runs `call` (one kernel or update-rule call of a captured step) while noting the calls it makes
   * into the backend's compiled code, and returns their replay: later replays of the step repeat
   * those calls with none of the kernel's JavaScript. Undefined when the call did something a replay
   * of the notes cannot repeat (it ran JavaScript on the data); the engine then calls the kernel.
   */
  noteCalls?(call: () => void): NotedCalls | undefined;
}

/** A kernel call's noted calls into compiled code (see Backend.noteCalls). */
export interface NotedCalls {
  /**
   * Repeats the calls; false (and nothing run) when the backend's configuration changed since they
   * were noted. `attrs`: the call's attributes at this replay, for notes whose arguments follow them
   * (an update rule's: its learning rate and step count change every step).
   */
  run(attrs?: unknown): boolean;
  /** Frees what the notes hold (the kernel's temporary blocks). */
  release(): void;
}
