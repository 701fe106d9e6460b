/**
 * The thread pool of the wasm backend: helper workers over the shared WebAssembly memory.
 *
 * A job is one exported kernel split into `shares` disjoint parts. The caller writes the job into a
 * control block in the module's shared memory, bumps the job counter and then claims shares itself,
 * as do the helpers (compare-and-swap on one claim word), so a helper that is slow to wake costs
 * nothing: the caller simply takes its share too. Posting, claiming and the helpers' loop run in the
 * module (postJob and helperLoop in assembly/jobs.ts), and every thread calls kernels through its
 * runShare export with the job's arguments in memory: no JavaScript for V8 to compile on a path a
 * training step takes each kernel. Helpers spin on the counter for 2 ms after each job (kernels of a
 * training step come well within that), then sleep on it. Which thread runs a share never changes
 * its result, so the same thread count gives bit-identical results.
 *
 * When helpers keep the caller waiting job after job (other processes busy on the cores), the caller
 * runs jobs alone for a while (soloMs) before trying again.
 *
 * Faults: a share that traps on a helper is marked failed and the caller recomputes it; a helper that
 * dies (its exit event) is replaced, up to a limit, after which the pool shrinks with a warning; a
 * share claimed by a helper that stops responding is recomputed by the caller after a timeout.
 */
import { canShareMemory, spawnWorker, warnOnce, type WorkerHandle } from "./platform.js";
import type { WasmMemory, WasmModule } from "./wasm-api.js";
import { WORKER_SOURCE } from "./worker-source.js";
import { CONTROL_WORDS } from "./exports.generated.js";

const MAX_WORKERS = 63;
const MAX_SHARES = 1023;

/**
 * Int32 indices of the control block, which lives in the module's shared memory (postJob in
 * assembly/jobs.ts writes a job's words; its constants are the source of these). The helpers receive
 * this object. ARGS is the address of the job's arguments (float64 each, see runShare).
 */
export const LAYOUT = {
  SEQ: CONTROL_WORDS.seq,
  CLAIM: CONTROL_WORDS.claim,
  DONE: CONTROL_WORDS.done,
  SLEEPERS: CONTROL_WORDS.sleepers,
  MAIN_SLEEP: CONTROL_WORDS.mainSleep,
  FN: CONTROL_WORDS.fn,
  ARGS: CONTROL_WORDS.args,
  OPEN: CONTROL_WORDS.open,
  JOBS: CONTROL_WORDS.jobs,
  HELPER_SHARES: CONTROL_WORDS.helperShares,
  WAKES: CONTROL_WORDS.wakes,
  MINE: CONTROL_WORDS.mine,
  READY: CONTROL_WORDS.ready,
  QUIT: CONTROL_WORDS.quit,
  SCRATCH: CONTROL_WORDS.scratch,
  SLOW: CONTROL_WORDS.slow,
  OWNER: CONTROL_WORDS.owner,
  STATUS: CONTROL_WORDS.status,
  RUNNING: CONTROL_WORDS.running,
};
/** Bytes of the control block. */
export const CONTROL_BYTES = CONTROL_WORDS.words * 4;

/**
 * The module's runShare export: runs share `share` of `shares` of share function `index` with the
 * arguments at address `args` (every thread calls every kernel through it: one call site, one signature).
 */
export type RunShare = (index: number, share: number, shares: number, scratch: number, args: number) => void;

interface Helper {
  handle: WorkerHandle;
  alive: boolean;
}

export interface PoolOptions {
  module: WasmModule;
  memory: WasmMemory;
  /** Names of the exports that can be posted as jobs, in a fixed order (runShare's indices). */
  names: readonly string[];
  /** The calling thread's runShare. */
  runShare: RunShare;
  /** The calling thread's postJob and jobSucceeded (assembly/jobs.ts). */
  postJob: (ctrl: number, index: number, shares: number, args: number, scratch: number, seq: number) => number;
  jobSucceeded: (ctrl: number, shares: number, seq: number) => number;
  /** The address of CONTROL_BYTES of the module's memory for the control block. */
  ctrlPtr: number;
  /** Scratch pointer for executor e (0 = the calling thread). */
  scratch: (executor: number) => number;
}

export class ThreadPool {
  private readonly ctrl: Int32Array;
  private readonly helpers: (Helper | undefined)[] = [];
  private replacements = 0;
  /**
   * Milliseconds a helper spins before sleeping (waking a sleeping vCPU took long enough to cost a
   * fifth of an MLP step; 2 ms spans the gaps between kernels of a training step), and the caller waits
   * before presuming a helper dead.
   */
  spinMs = 2;
  timeoutMs = 10000;
  /**
   * Milliseconds the caller runs jobs alone after helpers kept it waiting (see pace): a time, not a
   * job count, so that a spell of large products (a 1024³ GEMM takes 25 ms) is as short as one of a
   * small model's many small kernels.
   */
  soloMs = 20;
  private readonly canWait: boolean;
  /**
   * Jobs posted to helpers, shares the helpers (not the caller) ran, solo spells and the jobs run in
   * them, milliseconds in jobs posted from JavaScript and waiting for helpers at their end, jobs that
   * found a helper asleep, how many of the jobs JavaScript posted (the module posts a captured
   * step's own, see runJob), and the shares the caller recomputed (a helper failed or stopped).
   */
  get stats(): {
    jobs: number;
    helperShares: number;
    soloSpells: number;
    soloJobs: number;
    waitMs: number;
    jobMs: number;
    wakes: number;
    jsJobs: number;
    redone: number;
  } {
    const c = this.ctrl;
    return {
      ...this.timing,
      jobs: Atomics.load(c, LAYOUT.JOBS),
      helperShares: Atomics.load(c, LAYOUT.HELPER_SHARES),
      wakes: Atomics.load(c, LAYOUT.WAKES),
    };
  }
  /**
   * The statistics kept here (postJob counts jobs, helper shares and wakes in the control block);
   * jsJobs: the jobs posted from JavaScript (run), not by the module (runJob); redone: shares recomputed.
   */
  private readonly timing = { soloSpells: 0, soloJobs: 0, waitMs: 0, jobMs: 0, jsJobs: 0, redone: 0 };
  private strikes = 0;
  /** performance.now() until which jobs run on the calling thread alone. */
  private soloUntil = 0;

  constructor(private readonly opts: PoolOptions) {
    this.ctrl = new Int32Array(opts.memory.buffer, opts.ctrlPtr, CONTROL_WORDS.words);
    this.ctrl.fill(0);
    this.canWait = probeWait(this.ctrl);
  }

  static available(memory: WasmMemory): boolean {
    return canShareMemory() && memory.buffer instanceof SharedArrayBuffer;
  }

  /** Number of helpers currently alive (started or starting). */
  get helperCount(): number {
    return this.helpers.filter((h) => h?.alive).length;
  }

  /** Starts or stops helpers so that `count` are alive. */
  resize(count: number): void {
    const n = Math.min(MAX_WORKERS, Math.max(0, count));
    for (let e = 1; e <= n; e++) if (!this.helpers[e - 1]?.alive) this.start(e);
    for (let e = n + 1; e <= this.helpers.length; e++) this.stop(e);
  }

  private start(e: number): void {
    Atomics.store(this.ctrl, LAYOUT.READY + e, 0);
    Atomics.store(this.ctrl, LAYOUT.QUIT + e, 0);
    Atomics.store(this.ctrl, LAYOUT.SCRATCH + e, this.opts.scratch(e));
    const helper: Helper = { alive: true, handle: { terminate: () => undefined } };
    this.helpers[e - 1] = helper;
    const data = {
      module: this.opts.module, memory: this.opts.memory, ctrlPtr: this.opts.ctrlPtr,
      ctrlWords: CONTROL_WORDS.words, executor: e, layout: LAYOUT, spinMs: this.spinMs,
    };
    try {
      helper.handle = spawnWorker(WORKER_SOURCE, data, (why) => this.onDeath(e, helper, why));
    } catch (err) {
      helper.alive = false;
      warnOnce(`wasm: cannot start a worker thread (${(err as Error).message}); running on fewer threads`);
    }
  }

  private stop(e: number): void {
    const h = this.helpers[e - 1];
    if (!h?.alive) return;
    h.alive = false;
    this.close();
    Atomics.store(this.ctrl, LAYOUT.QUIT + e, 1);
    Atomics.store(this.ctrl, LAYOUT.READY + e, 0);
    h.handle.terminate();
  }

  private onDeath(e: number, helper: Helper, why: string): void {
    if (!helper.alive || this.helpers[e - 1] !== helper) return; // stopped on purpose or already replaced
    helper.alive = false;
    this.close();
    Atomics.store(this.ctrl, LAYOUT.READY + e, 0);
    if (this.replacements < 4) {
      this.replacements++;
      warnOnce(`wasm: worker thread ${e} died (${why}); starting a replacement`);
      this.start(e);
    } else {
      warnOnce(`wasm: worker thread ${e} died (${why}); continuing on fewer threads`);
    }
  }

  /** Number of helpers that have started and can take shares. */
  readyCount(): number {
    let n = 0;
    for (let e = 1; e <= this.helpers.length; e++) if (Atomics.load(this.ctrl, LAYOUT.READY + e) === 1) n++;
    return n;
  }

  /** Whether any helper is ready to take shares right now. */
  private anyReady(): boolean {
    for (let e = 1; e <= this.helpers.length; e++) if (Atomics.load(this.ctrl, LAYOUT.READY + e) === 1) return true;
    return false;
  }

  /**
   * Runs share function `index` (of `names`) with the arguments at address `args` as `shares` shares
   * and returns when all are done. The calling thread takes shares too; with no helper ready it runs
   * them all. Returns whether the job was posted to the helpers (false: it ran on the calling thread
   * alone). The arguments must stay unchanged until it returns.
   */
  run(index: number, shares: number, args: number): boolean {
    const sc = this.opts.scratch(0);
    const runShare = this.opts.runShare;
    if (shares <= 1 || !this.anyReady() || (this.soloUntil !== 0 && this.solo())) {
      for (let k = 0; k < shares; k++) runShare(index, k, shares, sc, args);
      return false;
    }
    // helpers are ready and no solo spell runs: the module may post jobs itself (runNotes)
    Atomics.store(this.ctrl, LAYOUT.OPEN, 1);
    const S = Math.min(shares, MAX_SHARES);
    const seq = (Atomics.load(this.ctrl, LAYOUT.SEQ) + 1) | 0;
    const t0 = performance.now();
    const mine = this.opts.postJob(this.opts.ctrlPtr, index, S, args, sc, seq);
    const t1 = performance.now();
    this.awaitDone(S);
    const t2 = performance.now();
    if (mine < S) this.pace(t1 - t0, t2 - t1);
    this.timing.waitMs += t2 - t1;
    this.timing.jobMs += t2 - t0;
    this.timing.jsJobs++;
    if (!this.opts.jobSucceeded(this.opts.ctrlPtr, S, seq)) this.redo(index, S, args);
    return true;
  }

  /**
   * Finishes a job the module posted (runJob) and left to JavaScript: its helpers' shares took longer
   * than the module spins, or one failed. Waits for them, paces (see pace) and recomputes what failed.
   */
  finishPosted(index: number, shares: number, args: number): void {
    const S = Math.min(shares, MAX_SHARES);
    const t1 = performance.now();
    this.awaitDone(S);
    const t2 = performance.now();
    if (Atomics.load(this.ctrl, LAYOUT.MINE) < S) this.pace(0, t2 - t1);
    this.timing.waitMs += t2 - t1;
    if (!this.opts.jobSucceeded(this.opts.ctrlPtr, S, Atomics.load(this.ctrl, LAYOUT.SEQ))) this.redo(index, S, args);
  }

  /** Stops the module posting jobs until a job posted from JavaScript finds helpers ready again. */
  private close(): void {
    Atomics.store(this.ctrl, LAYOUT.OPEN, 0);
  }

  /** Recomputes on the calling thread the shares of the last job that a helper failed (or stopped responding on). */
  private redo(index: number, S: number, args: number): void {
    const tag = Atomics.load(this.ctrl, LAYOUT.SEQ) & 0xfff;
    for (let k = 0; k < S; k++) {
      if (Atomics.load(this.ctrl, LAYOUT.STATUS + k) === tag << 1) continue;
      warnOnce(`wasm: a worker thread failed on ${this.opts.names[index] ?? "a kernel"}; the calling thread recomputed its share`);
      this.opts.runShare(index, k, S, this.opts.scratch(0), args);
      this.timing.redone++;
    }
  }

  /**
   * Falls back to the calling thread alone for a while when the helpers keep it waiting much longer
   * than its own shares took (a machine busy with other work descheduling them): four such jobs in a
   * row make the jobs of the next soloMs milliseconds run on the calling thread. Only jobs in which a
   * helper took a share count, for or against. Shares stay the same, so results do too.
   */
  private pace(mineMs: number, waitedMs: number): void {
    if (waitedMs > 0.2 && waitedMs > 2 * mineMs) {
      if (++this.strikes >= 4) {
        this.strikes = 0;
        this.soloUntil = performance.now() + this.soloMs;
        this.timing.soloSpells++;
        this.close();
      }
    } else this.strikes = 0;
  }

  /** Whether a solo spell is running (and ends it once its time is up). */
  private solo(): boolean {
    if (performance.now() < this.soloUntil) {
      this.timing.soloJobs++;
      return true;
    }
    this.soloUntil = 0;
    return false;
  }

  private awaitDone(S: number): void {
    const c = this.ctrl;
    let spins = 0;
    let t0 = 0;
    while (Atomics.load(c, LAYOUT.DONE) < S) {
      if (++spins < 2000) continue;
      if (t0 === 0) t0 = performance.now();
      if (this.canWait) {
        Atomics.store(c, LAYOUT.MAIN_SLEEP, 1);
        const d = Atomics.load(c, LAYOUT.DONE);
        if (d < S) Atomics.wait(c, LAYOUT.DONE, d, 20);
        Atomics.store(c, LAYOUT.MAIN_SLEEP, 0);
      }
      if (performance.now() - t0 > this.timeoutMs) {
        this.abandon(S);
        return;
      }
    }
  }

  /** Presumes the owners of unfinished shares dead: they are stopped (and replaced) and their shares redone. */
  private abandon(S: number): void {
    const tag = Atomics.load(this.ctrl, LAYOUT.SEQ) & 0xfff;
    for (let k = 0; k < S; k++) {
      if (Atomics.load(this.ctrl, LAYOUT.STATUS + k) === tag << 1) continue;
      const owner = Atomics.load(this.ctrl, LAYOUT.OWNER + k);
      const h = this.helpers[owner - 1];
      if (owner > 0 && h?.alive) {
        warnOnce(`wasm: worker thread ${owner} stopped responding; replacing it`);
        this.stop(owner);
        if (this.replacements < 4) {
          this.replacements++;
          this.start(owner);
        }
      }
    }
  }

  /** Test hook: makes helper `e` spin `ms` milliseconds before each share it claims (a descheduled core); 0 ends it. */
  debugSlow(e: number, ms: number): void {
    Atomics.store(this.ctrl, LAYOUT.SLOW + e, ms);
  }

  /** Test hook: makes helper `e` stop forever right after claiming its next share. */
  debugHang(e: number): void {
    Atomics.store(this.ctrl, LAYOUT.QUIT + e, 2);
  }

  /** Test hook: makes helper `e` trap in the next share it claims, once (a kernel fault on a helper). */
  debugTrap(e: number): void {
    Atomics.store(this.ctrl, LAYOUT.QUIT + e, 3);
  }

  /** Test hook: the worker handle of helper `e`. */
  debugTerminate(e: number): void {
    this.helpers[e - 1]?.handle.terminate();
  }

  dispose(): void {
    for (let e = 1; e <= this.helpers.length; e++) this.stop(e);
  }
}

/** Atomics.wait is forbidden on a browser's main thread; probe once with a zero timeout. */
function probeWait(ctrl: Int32Array): boolean {
  try {
    Atomics.wait(ctrl, LAYOUT.MAIN_SLEEP, 1, 0);
    return true;
  } catch {
    return false;
  }
}
