/**
 * Mini-batches from tensors or from a stream of samples too large to hold as one tensor (an IDX
 * file read in chunks, a generator). Streams are shuffled through a buffer, like tf.data's
 * `shuffle(bufferSize)`; tensors are shuffled exactly.
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { rngFor, type Rng } from "../tensor/random.js";
import { makeTensor, Tensor } from "../tensor/tensor.js";

/**
 * One sample of a stream: features, and a target (a number, or an array such as a one-hot row).
 *
 * @example
 * const sample: bp.data.Sample = { x: new Float32Array(784), y: 3 };
 * const { value } = await bp.data.batches([sample], { batchSize: 1, xShape: [28, 28, 1], numClasses: 10 }).next();
 * value!.x.shape;   // => [1, 28, 28, 1]
 * value!.y!.shape;   // => [1, 10]
 */
export interface Sample {
  x: ArrayLike<number>;
  y?: ArrayLike<number> | number;
}

/**
 * How bp.data.batches cuts the data: batch size, shuffling and its seed.
 *
 * @example
 * const options: bp.data.BatchOptions = { batchSize: 32, shuffle: true, seed: 1, dropRemainder: true };
 * let count = 0;
 * for await (const _ of bp.data.batches({ x: bp.ones([100, 2]) }, options)) count++;
 * count;   // => 3
 */
export interface BatchOptions {
  /** Samples per batch (the last may be smaller unless dropRemainder). */
  batchSize: number;
  /** Shuffle: true, or for streams the shuffle-buffer size (true = 1024). Default false. */
  shuffle?: boolean | number;
  /** Seed of the shuffle; default: drawn from the global generator (see bp.setSeed). */
  seed?: number;
  /** Drop a last batch smaller than batchSize; default false. */
  dropRemainder?: boolean;
  /** Shape of one sample's x in a stream (default [x.length]), e.g. [28, 28, 1]. */
  xShape?: number[];
  /** Turns numeric stream targets into one-hot rows of this many classes. */
  numClasses?: number;
}

/**
 * One mini-batch from bp.data.batches: inputs, labels if given, and its position.
 *
 * @example
 * const first: bp.data.Batch = (await bp.data.batches({ x: bp.ones([4, 3]) }, { batchSize: 4 }).next()).value!;
 * first.x.shape;   // => [4, 3]
 * first.y;   // => undefined
 */
export interface Batch {
  x: Tensor;
  y: Tensor | undefined;
}

/**
 * What bp.data.batches iterates: tensors in memory or a function giving samples by index.
 *
 * @example
 * function* samples(): Generator<bp.data.Sample> {
 *   for (let i = 0; i < 6; i++) yield { x: [i, i + 1], y: i % 2 };
 * }
 * const source: bp.data.BatchSource = samples();
 * const shapes: (readonly number[])[] = [];
 * for await (const b of bp.data.batches(source, { batchSize: 4, numClasses: 2 })) shapes.push(b.y!.shape);
 * shapes;   // => [[4, 2], [2, 2]]
 */
export type BatchSource = { x: Tensor; y?: Tensor } | Iterable<Sample> | AsyncIterable<Sample>;

function checkOptions(options: BatchOptions): void {
  const b = options.batchSize;
  if (!Number.isInteger(b) || b < 1) throw new ValueError(`batches: batchSize must be a positive integer, got ${b}`);
  const s = options.shuffle;
  if (typeof s === "number" && (!Number.isInteger(s) || s < 1)) throw new ValueError(`batches: shuffle buffer size must be a positive integer, got ${s}`);
}

function* tensorBatches(x: Tensor, y: Tensor | undefined, options: BatchOptions): Generator<Batch> {
  const n = x.shape[0] ?? 0;
  if (y && y.shape[0] !== n) throw new ShapeError(`batches: x has ${n} samples (shape ${fmtShape(x.shape)}) but y has shape ${fmtShape(y.shape)}`);
  const order = Array.from({ length: n }, (_, i) => i);
  if (options.shuffle) rngFor(options.seed).shuffle(order);
  for (let start = 0; start < n; start += options.batchSize) {
    const idx = order.slice(start, start + options.batchSize);
    if (options.dropRemainder && idx.length < options.batchSize) return;
    yield { x: x.gather(idx, 0), y: y?.gather(idx, 0) };
  }
}

class Collator {
  private xs: Sample[] = [];
  private xShape: number[] | undefined;
  constructor(private readonly options: BatchOptions) {}

  get length(): number {
    return this.xs.length;
  }

  push(s: Sample): void {
    this.xShape ??= this.options.xShape ?? [s.x.length];
    const per = this.xShape.reduce((a, b) => a * b, 1);
    if (s.x.length !== per) throw new ShapeError(`batches: a sample has ${s.x.length} features; expected ${per} (xShape ${fmtShape(this.xShape)})`);
    this.xs.push(s);
  }

  flush(): Batch {
    const samples = this.xs;
    this.xs = [];
    const xShape = this.xShape ?? [0];
    const per = xShape.reduce((a, b) => a * b, 1);
    const x = new Float32Array(samples.length * per);
    samples.forEach((s, i) => x.set(s.x, i * per));
    return { x: makeTensor([samples.length, ...xShape], "float32", x), y: this.targets(samples) };
  }

  private targets(samples: Sample[]): Tensor | undefined {
    const first = samples[0]?.y;
    if (first === undefined) return undefined;
    const k = this.options.numClasses;
    if (typeof first === "number" && k === undefined) return makeTensor([samples.length], "float32", samples.map((s) => s.y as number));
    const width = typeof first === "number" ? (k as number) : first.length;
    const y = new Float32Array(samples.length * width);
    samples.forEach((s, i) => {
      const t = s.y;
      if (typeof t === "number") {
        if (!Number.isInteger(t) || t < 0 || t >= width) throw new ValueError(`batches: label ${t} is out of range for ${width} classes`);
        y[i * width + t] = 1;
      } else if (t === undefined || t.length !== width) {
        throw new ShapeError(`batches: a sample's y has ${t === undefined ? "no" : t.length} values; expected ${width}`);
      } else {
        y.set(t, i * width);
      }
    });
    return makeTensor([samples.length, width], "float32", y);
  }
}

async function* streamBatches(source: Iterable<Sample> | AsyncIterable<Sample>, options: BatchOptions): AsyncGenerator<Batch> {
  const bufferSize = options.shuffle === true ? 1024 : typeof options.shuffle === "number" ? options.shuffle : 0;
  const rng: Rng | undefined = bufferSize > 0 ? rngFor(options.seed) : undefined;
  const pool: Sample[] = [];
  const out = new Collator(options);
  const emit = (s: Sample): Batch | undefined => {
    out.push(s);
    return out.length === options.batchSize ? out.flush() : undefined;
  };
  for await (const s of source) {
    let next: Sample | undefined = s;
    if (rng) {
      pool.push(s);
      if (pool.length < bufferSize) continue;
      const j = rng.int(pool.length);
      next = pool[j];
      pool[j] = pool[pool.length - 1] as Sample;
      pool.pop();
    }
    const b = emit(next as Sample);
    if (b) yield b;
  }
  if (rng) rng.shuffle(pool);
  for (const s of pool) {
    const b = emit(s);
    if (b) yield b;
  }
  if (out.length > 0 && !options.dropRemainder) yield out.flush();
}

/**
 * Iterates mini-batches `{ x, y }` over tensors (`{ x, y }`, exact shuffle) or over a stream of
 * samples (an iterable or async iterable, shuffled through a buffer). Each batch is a fresh pair of
 * tensors; dispose them (or run the step in bp.tidy) when done.
 *
 * @example
 * const x = bp.arange(0, 10).reshape([5, 2]);
 * const y = bp.tensor([0, 1, 0, 1, 1]);
 * const sizes: number[] = [];
 * for await (const batch of bp.data.batches({ x, y }, { batchSize: 2, shuffle: true, seed: 1 })) {
 *   sizes.push(batch.x.shape[0]!);
 * }
 * sizes;   // => [2, 2, 1]
 */
export async function* batches(source: BatchSource, options: BatchOptions): AsyncGenerator<Batch> {
  checkOptions(options);
  if ("x" in source && source.x instanceof Tensor) {
    yield* tensorBatches(source.x, source.y, options);
    return;
  }
  if (!(Symbol.iterator in source) && !(Symbol.asyncIterator in source)) {
    throw new ValueError("batches: source must be { x: Tensor, y?: Tensor } or an iterable of { x, y } samples");
  }
  yield* streamBatches(source as Iterable<Sample> | AsyncIterable<Sample>, options);
}
