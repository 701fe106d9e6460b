/**
 * The thread policy of the wasm backend: whether a kernel call is worth posting to the helper threads
 * is decided from its measured cost, per kernel and size class, not from a fixed threshold. Each class
 * times its first calls alternately alone and split, keeps the faster way, and re-times the other way
 * now and then (ever more rarely while the verdict holds), so a machine that gets busier or quieter
 * moves it. The decision never changes a result: a split call and a lone call of the same share count
 * compute the same bits (the callers fix the share count).
 */

/** Timed calls of each way before the first verdict. */
const WARM = 3;
/** Samples kept per way; the verdict compares their medians (robust to a call that was descheduled). */
const RING = 5;
/**
 * Calls between re-timings of the losing way: doubled while the verdict holds, reset when it flips,
 * up to PROBE_MAX while the verdict is split and PROBE_MAX_ALONE while it is alone. A lone verdict
 * taken while V8 compiled on the second core (a fit's first epochs) lost its re-timings there and,
 * re-timed every 512 calls, kept W1's kernels alone two to four epochs after the compiling had ended
 * (a third of its split calls); every 64, they split again within a few dozen calls. A split
 * verdict's lone way is re-timed rarely: re-timing a CNN's convolutions alone every 64 calls cost the
 * main job 2 % (4.89 against 4.78 s, three alternating runs of bench/main-job.ts).
 */
const PROBE_MIN = 8;
const PROBE_MAX = 512;
const PROBE_MAX_ALONE = 64;
/** The split way must be this much faster to win: it also keeps a second core busy. */
const SPLIT_MARGIN = 0.95;

/** The timings and verdict of one kernel in one size class. */
export class PolicySlot {
  /** Nanoseconds per unit of estimated work: [alone, split]. */
  private readonly samples = [new Float64Array(RING), new Float64Array(RING)] as const;
  /** Samples taken [alone, split] (a typed array: no destructuring or boxing while interpreted). */
  private readonly counts = new Int32Array(2);
  private calls = 0;
  private nextProbe = 0;
  private interval = PROBE_MIN;
  /** The current verdict: split across threads or not. */
  split = false;
  /** The way the slot's last call ran, for a caller that tells a change of way (a captured step's, see runProgram). */
  last: boolean | undefined = undefined;

  /** Whether both ways have their warm-up samples (the verdict is a measured one). */
  get settled(): boolean {
    return this.counts[0]! >= WARM && this.counts[1]! >= WARM;
  }

  /**
   * Calls that may follow the verdict without being chosen here (0 before the warm-up is done): those
   * before the next re-timing of the losing way. A noted call's record in the module runs that many
   * on its own (see runNotes), then asks again; `made` gives back how many it ran.
   */
  standing(): number {
    return this.settled ? Math.max(0, this.nextProbe - this.calls - 1) : 0;
  }

  /** Counts `n` calls made by the verdict outside choose (see standing). */
  made(n: number): void {
    this.calls += n;
  }

  /** Whether this call runs split (a re-timing of the losing way or a warm-up call included). */
  choose(): boolean {
    this.calls++;
    // indexed reads: destructuring makes an iterator and its results at every call while the
    // policy runs interpreted (a fit's first epochs), once per kernel call
    const alone = this.counts[0]!;
    const split = this.counts[1]!;
    if (alone < WARM || split < WARM) return split < alone;
    return this.calls >= this.nextProbe ? !this.split : this.split;
  }

  /**
   * Records a call's cost (ns per unit of work). The verdict is reconsidered after the warm-up and at
   * each re-timing of the losing way; a re-timing that alone would have won is repeated at the next
   * call, and one that lost doubles the wait (a way whose cost swings, as split calls on a busy
   * machine do, is not re-timed at every other call).
   */
  record(split: boolean, cost: number): void {
    const w = split ? 1 : 0;
    const n = this.counts[w]!;
    this.samples[w][n % RING] = cost;
    this.counts[w] = n + 1;
    const alone = this.counts[0]!;
    const both = this.counts[1]!;
    if (alone < WARM || both < WARM) return;
    const first = alone + both === 2 * WARM;
    const probe = split !== this.split;
    if (first || probe) this.judge(split, cost, probe);
  }

  /**
   * Gives the verdict and the next re-timing after the warm-up's last sample or a re-timing's; out of
   * record, which runs at every timed call, so that V8 compiles the medians only where they run.
   */
  private judge(split: boolean, cost: number, probe: boolean): void {
    const alone = this.counts[0]!;
    const both = this.counts[1]!;
    const a = medianOf(this.samples[0], alone);
    const b = medianOf(this.samples[1], both);
    const verdict = b < SPLIT_MARGIN * a;
    const close = probe && (split ? cost < SPLIT_MARGIN * a : SPLIT_MARGIN * cost <= b);
    // a re-timing that would have won is repeated at the next call (not an interval later), so a
    // way that got faster wins the verdict within a few calls; one that lost waits twice as long
    const again = close && verdict === this.split;
    if (verdict !== this.split) this.interval = PROBE_MIN;
    else if (!close) this.interval = Math.min(verdict ? PROBE_MAX : PROBE_MAX_ALONE, this.interval * 2);
    this.split = verdict;
    this.nextProbe = this.calls + (again ? 1 : this.interval);
  }
}

/**
 * Per kernel, size class (powers of two of the estimated work) and way of cutting it (the share
 * counts: a product split by rows, by columns or into partials weighs differently), the slot that
 * decides its calls.
 */
export class ThreadPolicy {
  private readonly slots = new Map<number, PolicySlot>();

  slot(kernel: number, work: number, shares = 2, aloneShares = 1): PolicySlot {
    const size = Math.min(63, Math.max(0, Math.floor(Math.log2(work))));
    const key = ((kernel * 64 + size) * 1024 + Math.min(1023, shares)) * 2 + (aloneShares === 1 ? 0 : 1);
    let s = this.slots.get(key);
    if (!s) {
      s = new PolicySlot();
      this.slots.set(key, s);
    }
    return s;
  }

  /** Forgets every verdict (the thread count changed). */
  reset(): void {
    this.slots.clear();
  }

  /** Number of size classes that run split now, of all classes seen (for benchmarks and tests). */
  summary(): { split: number; classes: number } {
    let split = 0;
    for (const s of this.slots.values()) if (s.split) split++;
    return { split, classes: this.slots.size };
  }
}

const sorted = new Float64Array(RING);

function medianOf(ring: Float64Array, count: number): number {
  const n = Math.min(count, RING);
  const xs = sorted.subarray(0, n);
  xs.set(ring.subarray(0, n));
  xs.sort();
  return n % 2 ? (xs[(n - 1) >> 1] as number) : ((xs[n / 2 - 1] as number) + (xs[n / 2] as number)) / 2;
}
