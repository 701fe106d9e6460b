/**
 * Seeded randomness. One global generator, reseeded by `bp.setSeed(n)`, feeds everything random in
 * the library that is not given its own seed (initializers, dropout, shuffling), so one call makes
 * a whole run reproducible.
 */
import { ValueError } from "../errors.js";

/** Seeds are integers (any sign and size up to 2^53); anything else would silently collide with another seed. */
export function checkSeed(op: string, seed: unknown): number {
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new ValueError(`${op}: seed must be an integer, got ${String(seed)}`);
  }
  return seed;
}

/**
 * A small, fast, seedable generator (sfc32) with uniform and normal draws.
 *
 * @example
 * const rng = new bp.Rng(1);
 * const u = rng.uniform();   // in [0, 1)
 * u >= 0 && u < 1;   // => true
 * new bp.Rng(1).uniform() === u;   // => true
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(seed: number) {
    checkSeed("Rng", seed);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // mix in the high bits of large seeds, then warm up
    this.c ^= Math.floor(seed / 2 ** 32) >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /**
   * The next raw 32-bit draw, an integer in [0, 2³²).
   *
   * @example
   * const n = new bp.Rng(7).nextUint32();
   * Number.isInteger(n) && n >= 0 && n < 2 ** 32;   // => true
   */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * Uniform in [0, 1).
   *
   * @example
   * const rng = new bp.Rng(1);
   * const u = rng.uniform();
   * u >= 0 && u < 1;   // => true
   */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Standard normal (Box–Muller, caching the second draw).
   *
   * @example
   * const rng = new bp.Rng(1);
   * const draws = Array.from({ length: 1000 }, () => rng.normal());
   * Math.abs(draws.reduce((a, b) => a + b) / 1000) < 0.1;   // => true
   */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Integer in [0, n).
   *
   * @example
   * const rng = new bp.Rng(1);
   * const roll = rng.int(6) + 1;   // a die
   * roll >= 1 && roll <= 6;   // => true
   */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * A seed for a child generator.
   *
   * @example
   * const rng = new bp.Rng(1);
   * const child = new bp.Rng(rng.fork());   // an independent stream, itself reproducible
   * new bp.Rng(new bp.Rng(1).fork()).uniform() === child.uniform();   // => true
   */
  fork(): number {
    return this.nextUint32();
  }

  /**
   * Fisher–Yates shuffle in place.
   *
   * @example
   * const order = [0, 1, 2, 3, 4];
   * new bp.Rng(1).shuffle(order);   // in place
   * [...order].sort();   // => [0, 1, 2, 3, 4]
   */
  shuffle<T>(arr: T[] | Int32Array): void {
    shuffleSwaps(this, arr, arr.length - 1, arr.length);
  }
}

/**
 * Up to `swaps` of Rng.shuffle's Fisher–Yates swaps of `arr`, from position `from` down, drawn
 * from `rng`; returns the position still to swap (0 once the shuffle is done). A shuffle spread
 * over several calls (fit's next pass, a batch's share at a time) makes the same swaps in the same
 * order as one call of Rng.shuffle, so it gives the same order.
 */
export function shuffleSwaps<T>(rng: Rng, arr: T[] | Int32Array, from: number, swaps: number): number {
  let i = from;
  for (const end = Math.max(0, i - swaps); i > end; i--) {
    const j = rng.int(i + 1);
    const t = arr[i] as T;
    arr[i] = arr[j] as T;
    arr[j] = t;
  }
  return i;
}

let globalRng = new Rng((Date.now() ^ (Math.random() * 2 ** 31)) | 0);
let globalSeed: number | undefined;

/**
 * Seeds everything random in the library.
 *
 * @example
 * bp.setSeed(42);
 * const a = bp.randn([3]).toArray();
 * bp.setSeed(42);
 * bp.randn([3]);   // => a
 */
export function setSeed(seed: number): void {
  checkSeed("setSeed", seed);
  globalSeed = seed;
  globalRng = new Rng(seed);
}

/**
 * The last seed given to setSeed, if any.
 *
 * @example
 * bp.setSeed(42);
 * bp.getSeed();   // => 42
 */
export function getSeed(): number | undefined {
  return globalSeed;
}

/** A generator for one consumer: seeded by `seed` if given, else forked from the global generator. */
export function rngFor(seed?: number): Rng {
  return new Rng(seed ?? globalRng.fork());
}
