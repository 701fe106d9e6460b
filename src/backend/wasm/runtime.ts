/**
 * One instance of the wasm kernels: the compiled module, its memory and allocator, per-thread
 * scratch, a small parameter area for shapes and strides, the thread pool and its policy. Kernel glue
 * calls `run(name, work, ...args)`: below a small work floor (or with one thread) the export runs
 * once on the calling thread; above it, the thread policy decides from measured costs whether it runs
 * as one share per thread.
 */
import { MemoryError } from "../../errors.js";
import { WasmHeap } from "./heap.js";
import { bestBuild, unshareMemoryImport, type Build } from "./loader.js";
import { canShareMemory } from "./platform.js";
import { PolicySlot, ThreadPolicy } from "./policy.js";
import { CONTROL_BYTES, ThreadPool } from "./threads.js";
import { requireWasm, type WasmModule } from "./wasm-api.js";
import { NOTE_MODES, NOTE_RECORDS, PLAIN_FNS, SHARE_FNS, type PlainExports } from "./exports.generated.js";
import type { NotedCalls } from "../backend.js";

export { SHARE_FNS };
export type ShareFnName = (typeof SHARE_FNS)[number];
/**
 * runNotes' modes as module constants: a replay reads no property for a mode it has not met yet (V8
 * deoptimizes code on a property read it compiled without feedback, as at a step's first re-timing).
 */
const { policy: MODE_POLICY, alone: MODE_ALONE, local: MODE_LOCAL, ask: MODE_ASK, split: MODE_SPLIT } = NOTE_MODES;
const SHARE_INDEX = Object.fromEntries(SHARE_FNS.map((n, i) => [n, i])) as Record<ShareFnName, number>;
const PLAIN_INDEX = Object.fromEntries(PLAIN_FNS.map((n, i) => [n, i])) as Record<string, number>;

type Exports = PlainExports;
/** The module's exports that are called directly (not as shares) and return nothing. */
export type DirectName = { [K in keyof Exports]: ReturnType<Exports[K]> extends void ? K : never }[keyof Exports];

/** One noted call into the module (see WasmRuntime.noteCalls): a record of the program notes.ts runs. */
type Note =
  | { k: "copy"; dst: number; src: number; bytes: number }
  | ShareNote
  | { k: "plain"; index: number; at: number };

/**
 * A noted share call: its share function, estimated work, share counts and the address of its
 * arguments, and the calls its record was last allowed to run on its policy slot's verdict.
 */
interface ShareNote {
  k: "share";
  index: number;
  work: number;
  shares: number;
  alone: number;
  at: number;
  granted: number;
}

/** The notes of one kernel call being made: its calls, its temporary blocks, and whether it ran JavaScript on data. */
interface Notes {
  list: Note[];
  blocks: [number, number][];
  opaque: boolean;
  /** Rewrites the noted arguments from a replay's attributes (see noteRefill). */
  refill: Refill | undefined;
}

/** Rewrites noted arguments in place from a replay's attributes; false when they no longer fit the notes. */
export type Refill = (attrs: unknown) => boolean;

/** The module's clock import (a helper's spin before it sleeps, see assembly/jobs.ts). */
const now = (): number => performance.now();
/** The module's lateJob and handBack imports where nothing calls them (the probe instance; see runJob and runNotes). */
const noCaller = (): never => {
  throw new Error("wasm: the module called back a thread that runs no replays");
};
const PARAM_BYTES = 4096;
/** The most arguments a share function takes after (share, shares, scratch). */
const MAX_ARGS = 16;
const SCRATCH_EXTRA = 4096;

export class WasmRuntime {
  readonly build: Build;
  readonly heap: WasmHeap;
  readonly exports: Exports;
  private readonly module: WasmModule;
  private pool: ThreadPool | undefined;
  private threads = 1;
  private scratchPtrs: number[] = [];
  private readonly scratchBytes: number;
  readonly paramPtr: number;
  /** The thread pool's control block in the module's memory (0 until the pool starts). */
  private ctrlPtr = 0;
  /** Where an unnoted share call's arguments are written for runShare (float64 each). */
  private readonly argsPtr: number;
  /** Addresses of the constant int32 words 1 and 0 (unit and broadcast strides). */
  readonly onePtr: number;
  readonly zeroPtr: number;
  private paramUsed = 0;
  /** Temporary blocks of the running kernel, freed by endKernel. */
  private temps: [number, number][] = [];

  private splitFloor = PARALLEL_NS;
  /**
   * Estimated single-thread nanoseconds below which a kernel is never split; above it the policy
   * decides from measured costs. 0: always split, whatever the cost (tests of the split kernels).
   */
  get parallelNs(): number {
    return this.splitFloor;
  }
  set parallelNs(ns: number) {
    this.splitFloor = ns;
    this.configuration++;
  }
  /** Counts changes of what kernels' glue decides from (threads, split floor): noted calls of an older one are stale. */
  private configuration = 0;
  /** The notes of the kernel call being noted, if one is. */
  private notes: Notes | undefined;
  /** Kernel calls noted, refused (they ran JavaScript on data) and replayed from notes; bytes the notes hold (for tests). */
  readonly noteStats = { noted: 0, refused: 0, replayed: 0, bytes: 0 };
  /** Which kernels run split, from their measured costs (see policy.ts). */
  readonly policy = new ThreadPolicy();

  /** `memoryLimit`: the most bytes of WebAssembly memory (default 4 GiB). */
  constructor(prefer?: Build, shareMemory = true, memoryLimit?: number) {
    const chosen = bestBuild(prefer);
    if (!chosen) throw new Error("WebAssembly SIMD is not available here");
    this.build = chosen.build;
    const WA = requireWasm();
    const shared = shareMemory && canShareMemory();
    const probe = new WA.Module(unshareMemoryImport(chosen.bytes));
    const base = new WA.Instance(probe, { env: { memory: new WA.Memory({ initial: 1, maximum: 1 }), now, lateJob: noCaller, handBack: noCaller } }).exports as unknown as Exports;
    this.heap = WasmHeap.create(shared, base.heapBase(), memoryLimit);
    this.module = this.heap.shared ? new WA.Module(chosen.bytes) : probe;
    // a job the module posted whose helpers are late (or failed) is finished by the pool (see runJob);
    // a noted share call the policy must decide is run here (see runNotes)
    const lateJob = (index: number, shares: number, args: number): void => this.pool!.finishPosted(index, shares, args);
    const handBack = (i: number): void => this.handBack(i);
    const instance = new WA.Instance(this.module, { env: { memory: this.heap.memory, now, lateJob, handBack } });
    this.exports = instance.exports as unknown as Exports;
    this.scratchBytes = this.exports.gemmScratchBytes() + SCRATCH_EXTRA;
    this.paramPtr = this.heap.alloc(PARAM_BYTES, "kernel parameters").ptr;
    this.argsPtr = this.heap.alloc(MAX_ARGS * 8, "kernel arguments").ptr;
    this.onePtr = this.heap.alloc(8, "constants").ptr;
    this.zeroPtr = this.onePtr + 4;
    this.heap.i32().set([1, 0], this.onePtr >>> 2);
    this.scratchPtrs.push(this.heap.alloc(this.scratchBytes, "thread scratch").ptr);
  }

  /** Threads in use (1 when shared memory is unavailable). */
  getThreads(): number {
    return this.threads;
  }

  setThreads(n: number): number {
    const want = this.heap.shared && ThreadPool.available(this.heap.memory) ? Math.max(1, Math.floor(n)) : 1;
    while (this.scratchPtrs.length < want) this.scratchPtrs.push(this.heap.alloc(this.scratchBytes, "thread scratch").ptr);
    if (want > 1 && !this.pool) {
      this.ctrlPtr = this.heap.alloc(CONTROL_BYTES, "thread control").ptr;
      this.pool = new ThreadPool({
        module: this.module, memory: this.heap.memory, names: SHARE_FNS, runShare: this.exports.runShare,
        postJob: this.exports.postJob, jobSucceeded: this.exports.jobSucceeded,
        ctrlPtr: this.ctrlPtr,
        scratch: (e) => this.scratchPtrs[e] ?? 0,
      });
    }
    this.pool?.resize(want - 1);
    if (want !== this.threads) {
      this.policy.reset();
      this.stepSlots.clear();
      this.spanSlot = undefined;
      this.configuration++;
    }
    this.threads = want;
    return want;
  }

  /** The thread pool (tests use its fault hooks). */
  get threadPool(): ThreadPool | undefined {
    return this.pool;
  }

  /**
   * Runs a share-able export whose result does not depend on its split. `work` estimates its
   * single-thread cost in nanoseconds: below parallelNs it runs as one share on this thread, above it
   * as one share per thread when the policy finds that faster.
   */
  run(name: ShareFnName, work: number, ...args: number[]): void {
    this.runArgs(name, work, args);
  }

  /**
   * As run, with the arguments in an array (the update rules, which build theirs). Returns where the
   * arguments were written: a noted call's own block, which a refill may rewrite before a replay.
   */
  runArgs(name: ShareFnName, work: number, args: number[]): number {
    return this.sharesOf(name, work, this.mayShare(work) ? this.threads : 1, 1, args);
  }

  /**
   * As run, but with `perThread` shares per thread when split: the threads claim shares as they go,
   * so one that runs slower (a busy or shared core) takes fewer of them.
   */
  runSplit(name: ShareFnName, work: number, perThread: number, ...args: number[]): void {
    this.sharesOf(name, work, this.mayShare(work) ? this.threads * perThread : 1, 1, args);
  }

  /** Shares per thread of kernels split into many small parts (see runSplit). */
  readonly fineShares = 4;

  /**
   * Whether a kernel of this estimated work (ns) may be split: callers size their shares by it.
   * `partials`: its result depends on the share count, so it is cut only from PARTIALS_NS.
   */
  mayShare(work: number, partials = false): boolean {
    const floor = partials && this.parallelNs !== 0 ? PARTIALS_NS : this.parallelNs;
    return this.threads > 1 && this.pool !== undefined && work >= floor;
  }

  /**
   * Runs an export as `shares` shares across the threads, or, when the policy finds that slower for
   * this kernel and size, as `aloneShares` shares on this thread: 1 where the split does not change
   * the result, `shares` where it does (split-K partials), so the decision never changes a bit.
   */
  runShares(name: ShareFnName, work: number, shares: number, aloneShares: number, ...args: number[]): void {
    this.sharesOf(name, work, shares, aloneShares, args);
  }

  private sharesOf(name: ShareFnName, work: number, shares: number, aloneShares: number, args: number[]): number {
    const index = SHARE_INDEX[name];
    if (args.length > MAX_ARGS) throw new Error(`wasm: ${name} given ${args.length} arguments, at most ${MAX_ARGS}`);
    let at = this.argsPtr;
    if (this.notes) {
      // a noted call's arguments get a block of their own, written once: its replays pass its address
      at = this.noteArgs(args);
      this.notes.list.push({ k: "share", index, work, shares, alone: aloneShares, at, granted: 0 });
    } else this.writeArgs(at, args);
    this.shareCall(index, work, shares, aloneShares, at);
    return at;
  }

  /** Runs share function `index` with the arguments at address `at`, alone or split (see runShares). */
  private shareCall(index: number, work: number, shares: number, aloneShares: number, at: number): void {
    const runShare = this.exports.runShare;
    const sc = this.scratchPtrs[0] as number;
    const pool = this.pool;
    if (this.aloneDepth > 0 && shares > 1) {
      for (let k = 0; k < aloneShares; k++) runShare(index, k, aloneShares, sc, at);
      return;
    }
    if (!pool || shares <= 1 || this.threads === 1) {
      for (let k = 0; k < shares; k++) runShare(index, k, shares, sc, at);
      return;
    }
    if (this.parallelNs === 0) {
      pool.run(index, shares, at);
      return;
    }
    const slot = this.policy.slot(index, work, shares, aloneShares);
    if (!slot.settled) this.kernelsWarming = true;
    // a kernel past its warm-up runs split in a step's split re-timing whatever its own verdict (a
    // re-timing of its own, see runProgram)
    const split = slot.choose() || (this.stepProbe && slot.settled);
    const t0 = performance.now();
    // a split call that found no helper ready (starting, or a solo spell) ran alone: not a sample
    let timed = true;
    if (split) timed = pool.run(index, shares, at);
    else for (let k = 0; k < aloneShares; k++) runShare(index, k, aloneShares, sc, at);
    if (timed) slot.record(split, ((performance.now() - t0) * 1e6) / Math.max(1, work));
  }

  private aloneDepth = 0;

  /**
   * Runs fn with every kernel on this thread, as each would run when the policy keeps it alone (so
   * with the same bits as split): captured steps are timed whole both ways, see runProgram.
   */
  alone<T>(fn: () => T): T {
    this.aloneDepth++;
    try {
      return fn();
    } finally {
      this.aloneDepth--;
    }
  }

  /**
   * Runs a replay of a captured step (`key` describes the step) with the threads or alone, whichever
   * its timed replays found faster. Per-kernel timing cannot see what a split costs the kernels after
   * it (helpers waking, caches moving between cores); timing the whole step can. A replay's sample is
   * its span: from its start to the start of the next replay of any captured step, so what the split
   * costs the JavaScript between steps counts too (a span across an epoch's end, or other long work,
   * is no sample). The first replay after a change of way is no sample either: a split replay after
   * lone ones wakes the helpers, which cost W1's step 0.46–0.64 ms against 0.31 once awake and 0.43
   * alone, so its step stayed alone in most fits although split it ran a fifth faster.
   */
  runProgram<T>(key: string, fn: () => T): T {
    if (this.threads === 1 || !this.pool || this.parallelNs === 0) return fn();
    const start = performance.now();
    const pending = this.spanSlot;
    if (pending) {
      const span = start - this.spanStart;
      if (span - this.spanMs <= SPAN_GAP * this.spanMs + SPAN_GAP_MS) pending.record(this.spanSplit, span);
      this.spanSlot = undefined;
    }
    let slot = this.stepSlots.get(key);
    if (!slot) {
      // a bound on the verdicts kept (a long session compiling many different steps)
      if (this.stepSlots.size >= MAX_STEP_SLOTS) this.stepSlots.clear();
      slot = new PolicySlot();
      this.stepSlots.set(key, slot);
    }
    const split = slot.choose();
    if (split) this.stepStats.split++;
    else this.stepStats.alone++;
    const changed = slot.last !== split;
    slot.last = split;
    this.kernelsWarming = false;
    // A split replay under a lone verdict (the step's warm-up, or a re-timing of its split way) runs
    // its kernels split too, whatever their own verdicts. Kernels are timed only in split replays, so
    // kernels that lost their warm-up (V8 compiling on the second core in the first replays) would
    // otherwise run alone in every split replay of the step, the step's split way would cost what its
    // lone way costs, and neither would ever be re-timed: W3 stayed on one thread for whole fits so.
    this.stepProbe = split && !slot.split;
    // A re-timing of a settled step's split way runs its split calls in the module, each split, as a
    // split replay under a split verdict does. Handed back to JavaScript one by one and timed, its calls
    // cost more than the split replays the re-timing stands for (W1's update step 0.11 ms against
    // 0.073 split and 0.10 alone), so the re-timings lost and some fits kept that step, or the whole
    // gradient step, alone for epochs. The step's warm-up still hands them back, and times its kernels.
    this.probeInModule = this.stepProbe && slot.settled;
    let out: T;
    try {
      out = split ? fn() : this.alone(fn);
    } finally {
      this.stepProbe = false;
      this.probeInModule = false;
    }
    const ms = performance.now() - start;
    // the first replay of a way is no sample, and the next one runs the same way (the slot's re-timing
    // stays due until it has one)
    if (changed) return out;
    // a split replay whose kernels were still in their own warm-up (half of them alone) says little
    // of the split way: it is not a sample, and the next replay runs split again; that kept W1's
    // steps alone for epochs, until the split way's re-timings had warmed its kernels one at a time
    if (split && this.kernelsWarming && this.unsampled < MAX_UNSAMPLED) this.unsampled++;
    else {
      this.unsampled = 0;
      // sampled at the start of the next replay, when its span is known
      this.spanSlot = slot;
      this.spanSplit = split;
      this.spanStart = start;
      this.spanMs = ms;
    }
    return out;
  }

  /** The replay whose span is being measured: its step's slot, way, start and own milliseconds. */
  private spanSlot: PolicySlot | undefined;
  private spanSplit = false;
  private spanStart = 0;
  private spanMs = 0;

  /** Whether a share call of the running replay met a kernel class still in its warm-up. */
  private kernelsWarming = false;
  /** Whether the running replay is a split re-timing of its step (its settled kernels run split). */
  private stepProbe = false;
  /** Whether the running replay is a split re-timing of a settled step (its noted split calls run in the module). */
  private probeInModule = false;
  /** Split replays in a row not taken as samples (a bound, should kernel classes keep appearing). */
  private unsampled = 0;

  /** Replays of captured steps run with the threads and alone (for benchmarks and tests). */
  readonly stepStats = { split: 0, alone: 0 };

  /** How many captured steps have a whole-step verdict here (for tests). */
  get stepVerdicts(): number {
    return this.stepSlots.size;
  }

  /**
   * The whole-step verdicts, by the step's description: a model's step recorded again by its next
   * fit (the playground fits in slices) keeps its verdict instead of timing its way in again.
   */
  private readonly stepSlots = new Map<string, PolicySlot>();

  /** Calls an export that does not run as shares. */
  call<K extends DirectName>(name: K, ...args: Parameters<Exports[K]>): void {
    const fn = this.exports[name] as (...a: number[]) => void;
    if (this.notes) {
      const index = PLAIN_INDEX[name];
      if (index === undefined) throw new Error(`wasm: ${name} cannot be noted (not a plain kernel export)`);
      this.notes.list.push({ k: "plain", index, at: this.noteArgs(args) });
    }
    fn(...args);
  }

  /** Copies `bytes` bytes of WebAssembly memory from `src` to `dst`. */
  copyBytes(dst: number, src: number, bytes: number): void {
    this.notes?.list.push({ k: "copy", dst, src, bytes });
    this.heap.u8().copyWithin(dst, src, src + bytes);
  }

  /** A block of the call being noted holding `args` as float64 values (runShare's and runPlain's arguments). */
  private noteArgs(args: readonly number[]): number {
    const at = this.temp(Math.max(8, args.length * 8), "kernel arguments");
    this.writeArgs(at, args);
    return at;
  }

  /** Marks the kernel call being noted as running JavaScript on data (a js-kernel fallback): its notes cannot replay it. */
  opaque(): void {
    if (this.notes) this.notes.opaque = true;
  }

  /**
   * Runs `call` (one kernel call) noting its calls into the module, its parameter words and its
   * temporary blocks, which it keeps instead of freeing. The returned replay writes the same words
   * and makes the same calls on the same blocks, through the thread policy as before; it is stale
   * once the threads or the split floor change, since the kernel's glue decided its shares from them.
   * Undefined when the call ran JavaScript on data, or when another call is being noted.
   */
  noteCalls(call: () => void): NotedCalls | undefined {
    if (this.notes) {
      call();
      return undefined;
    }
    const notes: Notes = { list: [], blocks: [], opaque: false, refill: undefined };
    this.notes = notes;
    try {
      call();
    } catch (e) {
      this.freeBlocks(notes.blocks);
      throw e;
    } finally {
      this.notes = undefined;
    }
    if (notes.opaque) {
      this.freeBlocks(notes.blocks);
      this.noteStats.refused++;
      return undefined;
    }
    this.noteStats.noted++;
    return new KernelNotes(this, this.configuration, this.program(notes), notes.list, notes.blocks, notes.refill);
  }

  /**
   * While a call is noted: `refill` rewrites, before each replay, the noted arguments the call built
   * from its attributes (an update rule's learning rate and step count change every step, its
   * pointers and sizes do not), so a replay makes the calls the call itself would make.
   */
  noteRefill(refill: Refill): void {
    if (this.notes) this.notes.refill = refill;
  }

  /** Writes float64 arguments at `at` (runShare's and runPlain's, or a noted call's, see runArgs). */
  writeArgs(at: number, args: ArrayLike<number>): void {
    this.heap.f64().set(args, at >>> 3);
  }

  /** Writes the notes' records into a block of their own (see notes.ts) and returns its address. */
  private program(notes: Notes): number {
    const { list, blocks } = notes;
    const { ptr, cap } = this.heap.alloc(Math.max(1, list.length) * NOTE_RECORDS.bytes, "noted calls");
    blocks.push([ptr, cap]);
    this.noteStats.bytes += cap;
    const words = this.heap.i32();
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      const at = (ptr + i * NOTE_RECORDS.bytes) >>> 2;
      words.fill(0, at, at + NOTE_RECORDS.bytes / 4);
      if (n.k === "copy") words.set([NOTE_RECORDS.copy, n.dst, n.src, n.bytes], at);
      else if (n.k === "share") words.set([NOTE_RECORDS.share, n.index, n.shares, n.alone, n.at], at);
      else words.set([NOTE_RECORDS.plain, n.index, n.at], at);
    }
    return ptr;
  }

  /** Whether a kernel call is being noted (its calls' argument arrays are kept). */
  get noting(): boolean {
    return this.notes !== undefined;
  }

  /** Whether notes made under `configuration` are still valid. */
  current(configuration: number): boolean {
    return configuration === this.configuration;
  }

  /**
   * Replays a noted kernel call: its program runs in the module, which hands back the share calls
   * that may run across threads when the thread policy must decide them (its verdict is still being
   * timed, a re-timing is due, or the step's warm-up is timing it), and otherwise splits them or runs
   * them alone on the verdict it was given (all split in a settled step's re-timing of its split
   * way), posting the jobs itself.
   */
  replayNotes(prog: number, list: readonly Note[]): void {
    const pool = this.pool;
    const mode =
      this.aloneDepth > 0
        ? MODE_ALONE
        : !pool || this.threads === 1
          ? MODE_LOCAL
          : this.probeInModule
            ? MODE_SPLIT
            : this.parallelNs === 0 || this.stepProbe
              ? MODE_ASK
              : MODE_POLICY;
    // what handBack needs while the module runs the records (no replay runs within another)
    this.handProg = prog;
    this.handList = list;
    this.handMode = mode;
    this.exports.runNotes(prog, 0, list.length, this.scratchPtrs[0] as number, mode, pool ? this.ctrlPtr : 0);
  }

  /** The running replay's program, its notes and how it runs share calls (see handBack). */
  private handProg = 0;
  private handList: readonly Note[] = [];
  private handMode = 0;

  /**
   * The module's handBack import: runs share call record `i` of the running replay, which the thread
   * policy must decide (replayNotes' mode: through the policy, or as the step's timing asks).
   */
  private handBack(i: number): void {
    const n = this.handList[i] as ShareNote;
    if (this.handMode === MODE_POLICY) this.decide(this.handProg, i, n);
    else this.shareCall(n.index, n.work, n.shares, n.alone, n.at);
  }

  /**
   * Runs a noted share call through the thread policy, crediting its slot with the calls the module
   * made on the record's standing verdict, and gives the record the slot's verdict for the calls
   * before the slot's next re-timing.
   */
  private decide(prog: number, i: number, n: ShareNote): void {
    const slot = this.policy.slot(n.index, n.work, n.shares, n.alone);
    const at = (prog + i * NOTE_RECORDS.bytes) >>> 2;
    const words = this.heap.i32();
    slot.made(n.granted - Math.max(0, words[at + 6]!));
    this.shareCall(n.index, n.work, n.shares, n.alone, n.at);
    const left = slot.standing();
    const way = left === 0 ? NOTE_RECORDS.ask : slot.split ? NOTE_RECORDS.split : NOTE_RECORDS.alone;
    // a fresh view: the call may have grown the memory, which detaches the one read above
    const after = this.heap.i32();
    after[at + 5] = way;
    after[at + 6] = left;
    n.granted = left;
  }

  freeBlocks(blocks: [number, number][]): void {
    for (const [ptr, cap] of blocks) {
      this.heap.free(ptr, cap);
      this.noteStats.bytes -= cap;
    }
    blocks.length = 0;
  }

  /** Writes int32 values into the parameter area and returns their address (valid until endKernel). */
  ints(values: readonly number[]): number {
    const ptr = this.paramPtr + this.paramUsed;
    if (this.paramUsed + values.length * 4 > PARAM_BYTES) throw new MemoryError("wasm: kernel parameters overflow");
    const words = this.heap.i32();
    const at = ptr >>> 2;
    for (let i = 0; i < values.length; i++) words[at + i] = values[i] as number;
    if (this.notes) {
      // the words, kept in a block of the notes: each replay copies them back into the parameter area
      const bytes = values.length * 4;
      const src = this.temp(Math.max(4, bytes), "kernel parameters");
      this.heap.u8().copyWithin(src, ptr, ptr + bytes);
      this.notes.list.push({ k: "copy", dst: ptr, src, bytes });
    }
    this.paramUsed += Math.ceil((values.length * 4) / 16) * 16;
    return ptr;
  }

  /** Frees the parameter area for the next export call of the same kernel (the last call has returned). */
  releaseParams(): void {
    this.paramUsed = 0;
  }

  /** A temporary block freed when the kernel ends. */
  temp(bytes: number, what: string): number {
    if (bytes === 0) return 0;
    let block: { ptr: number; cap: number };
    try {
      block = this.heap.alloc(bytes, what);
    } catch (e) {
      throw new MemoryError(`${(e as Error).message}; dispose tensors or run the loop's body in bp.tidy`);
    }
    const { ptr, cap } = block;
    // a noted call's blocks are its replays' own: they stay allocated until the notes are released
    if (this.notes) {
      this.notes.blocks.push([ptr, cap]);
      this.noteStats.bytes += cap;
    } else this.temps.push([ptr, cap]);
    return ptr;
  }

  endKernel(): void {
    this.paramUsed = 0;
    const temps = this.temps;
    for (let i = 0; i < temps.length; i++) this.heap.free(temps[i]![0], temps[i]![1]);
    temps.length = 0;
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }
}

/** One kernel call's notes (a class: every replayed op holds an object of one shape). */
class KernelNotes implements NotedCalls {
  constructor(
    private readonly rt: WasmRuntime,
    private readonly configuration: number,
    private readonly prog: number,
    private readonly list: readonly Note[],
    private readonly blocks: [number, number][],
    private readonly refill: Refill | undefined,
  ) {}

  run(attrs?: unknown): boolean {
    if (!this.rt.current(this.configuration)) return false;
    if (this.refill !== undefined && !this.refill(attrs)) return false;
    this.rt.replayNotes(this.prog, this.list);
    this.rt.noteStats.replayed++;
    return true;
  }

  release(): void {
    this.rt.freeBlocks(this.blocks);
  }
}

/**
 * Estimated single-thread nanoseconds below which a kernel is never split: posting a job and waiting
 * for its shares costs a few microseconds, and timing a call costs a little too.
 */
export const PARALLEL_NS = 8000;
/**
 * A replay's span is a sample only while the time after the replay (before the next one starts) is
 * at most SPAN_GAP times the replay's own plus SPAN_GAP_MS: the steps of a fit follow one another
 * with a little JavaScript between them, and an epoch's end, an evaluation or a caller's own work
 * between two replays says nothing of how the step ran.
 */
const SPAN_GAP = 4;
const SPAN_GAP_MS = 0.5;
/** Split replays of a step in a row that may go unsampled while their kernels warm up. */
const MAX_UNSAMPLED = 24;
/** The most whole-step verdicts a runtime keeps. */
const MAX_STEP_SLOTS = 256;
/**
 * Estimated single-thread nanoseconds from which a kernel whose result depends on its share count
 * (split-K partials summed in order) is cut into shares with more than one thread: the same cut-off
 * as before the policy, so no shape rounds differently between thread counts than it did.
 */
export const PARTIALS_NS = 60000;
