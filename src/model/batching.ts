/**
 * Which samples make each batch. The order depends only on (seed, pass), where a pass is one sweep
 * over the training set, so epoch e of a resumed run (initialEpoch = e) batches exactly as epoch e
 * of an uninterrupted run with the same seed.
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { gather, slice } from "../ops/shape-ops.js";
import { Rng, shuffleSwaps } from "../tensor/random.js";
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
  /** 0, 1, …, numSamples - 1: each pass's order starts as a copy. */
  private identity: Int32Array | undefined;
  /** The next pass's order while it is shuffled, a batch's share of the swaps at each batch of this pass (see batch). */
  private next: Int32Array | undefined;
  private nextPass = -1;
  private nextRng: Rng | undefined;
  /** The Fisher–Yates position of `next` still to swap (down to 1; 0 when shuffled). */
  private nextAt = 0;
  private readonly swapsPerBatch: number;

  constructor(
    readonly numSamples: number,
    readonly batchSize: number,
    readonly shuffle: boolean,
    readonly seed: number,
  ) {
    this.batchesPerPass = Math.ceil(numSamples / batchSize);
    this.swapsPerBatch = Math.ceil(numSamples / this.batchesPerPass);
  }

  /**
   * The batch at global step `step` (counting from epoch 0, batch 0); the last batch of a pass may be
   * smaller. Shuffling, each batch also shuffles a part of the next pass's order, so that no batch
   * shuffles a whole pass: one loop over every sample at an epoch's start was compiled by V8 anew in
   * a fit's second epoch (5 ms of W1's 50), and run interpreted before that.
   */
  batch(step: number): BatchSpec {
    const pass = Math.floor(step / this.batchesPerPass);
    const b = step % this.batchesPerPass;
    const start = b * this.batchSize;
    const size = Math.min(this.batchSize, this.numSamples - start);
    if (!this.shuffle) return { start, size };
    const indices = this.permutation(pass).subarray(start, start + size);
    this.shuffleNext(pass + 1, this.swapsPerBatch);
    return { start, size, indices };
  }

  /** The shuffled order of pass `pass`, a pure function of (seed, pass). */
  permutation(pass: number): Int32Array {
    if (pass !== this.cachedPass || !this.perm) {
      // the next pass's order, shuffled so far batch by batch, or a pass asked for out of turn
      this.shuffleNext(pass, this.numSamples);
      this.perm = this.next;
      this.cachedPass = pass;
      this.next = undefined;
      this.nextPass = -1;
    }
    return this.perm!;
  }

  /** Makes up to `swaps` more of Rng.shuffle's swaps of pass `pass`'s order (starting it afresh unless it is the one under way). */
  private shuffleNext(pass: number, swaps: number): void {
    if (pass !== this.nextPass || !this.next) {
      this.identity ??= Int32Array.from({ length: this.numSamples }, (_, i) => i);
      this.next = this.identity.slice();
      // the high word of the seed selects the pass: independent streams for each (seed, pass)
      this.nextRng = new Rng((this.seed >>> 0) + pass * 2 ** 32);
      this.nextAt = this.numSamples - 1;
      this.nextPass = pass;
    }
    this.nextAt = shuffleSwaps(this.nextRng!, this.next, this.nextAt, swaps);
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
