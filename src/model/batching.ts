/**
 * Which samples make each batch. The order depends only on (seed, pass), where a pass is one sweep
 * over the training set, so epoch e of a resumed run (initialEpoch = e) batches exactly as epoch e
 * of an uninterrupted run with the same seed.
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { gather, slice } from "../ops/shape-ops.js";
import { Rng } from "../tensor/random.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

/** The samples of one batch: a contiguous range, or explicit indices when shuffled. */
export interface BatchSpec {
  start: number;
  size: number;
  indices?: Int32Array;
}

export class BatchPlan {
  readonly batchesPerPass: number;
  private cachedPass = -1;
  private perm: Int32Array | undefined;

  constructor(
    readonly numSamples: number,
    readonly batchSize: number,
    readonly shuffle: boolean,
    readonly seed: number,
  ) {
    this.batchesPerPass = Math.ceil(numSamples / batchSize);
  }

  /** The batch at global step `step` (counting from epoch 0, batch 0); the last batch of a pass may be smaller. */
  batch(step: number): BatchSpec {
    const pass = Math.floor(step / this.batchesPerPass);
    const b = step % this.batchesPerPass;
    const start = b * this.batchSize;
    const size = Math.min(this.batchSize, this.numSamples - start);
    if (!this.shuffle) return { start, size };
    return { start, size, indices: this.permutation(pass).subarray(start, start + size) };
  }

  /** The shuffled order of pass `pass`, a pure function of (seed, pass). */
  permutation(pass: number): Int32Array {
    if (pass !== this.cachedPass || !this.perm) {
      const perm = new Int32Array(this.numSamples);
      for (let i = 0; i < perm.length; i++) perm[i] = i;
      // the high word of the seed selects the pass: independent streams for each (seed, pass)
      new Rng((this.seed >>> 0) + pass * 2 ** 32).shuffle(perm);
      this.perm = perm;
      this.cachedPass = pass;
    }
    return this.perm;
  }
}

/** Rows of `t` for a batch (a slice when contiguous, a gather when shuffled). */
export function takeBatch(t: Tensor, spec: BatchSpec): Tensor {
  if (spec.indices) return gather(t, makeTensor([spec.indices.length], "int32", spec.indices), 0);
  return slice(t, spec.start, spec.size);
}

/**
 * Splits off the last `fraction` of the samples for validation, before any shuffling (as Keras):
 * the first floor(n * (1 - fraction)) samples train.
 */
export function splitAt(op: string, n: number, fraction: number): number {
  if (!(typeof fraction === "number" && fraction > 0 && fraction < 1)) {
    throw new ValueError(`${op}: validationSplit must be a number in (0, 1), got ${String(fraction)}`);
  }
  const at = Math.floor(n * (1 - fraction));
  if (at === 0 || at === n) {
    throw new ValueError(`${op}: validationSplit ${fraction} of ${n} samples leaves ${at === 0 ? "no training" : "no validation"} samples`);
  }
  return at;
}

/** Rows [begin, end) of each tensor (undefined passes through). */
export function rows<T extends Tensor | undefined>(t: T, begin: number, end: number): T {
  if (t === undefined) return t;
  if (t.rank === 0) throw new ShapeError(`rows: cannot take samples of a scalar ${fmtShape(t.shape)}`);
  return slice(t, begin, end - begin) as T;
}
