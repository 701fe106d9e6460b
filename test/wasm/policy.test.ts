/**
 * The thread policy: a kernel size class runs split only when its measured split calls are faster
 * than its lone ones; the losing way is re-timed ever more rarely while the verdict holds and the
 * verdict follows a change of costs; and the decision never changes a result, split-K partials
 * included.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { PolicySlot, ThreadPolicy } from "../../src/backend/wasm/policy.js";
import type { WasmRuntime } from "../../src/backend/wasm/runtime.js";
import { threadedRuntime, threadsReady, wasmBackend } from "./helpers.js";

/** The kernel classes' slots of a runtime's thread policy (a private map). */
function kernelSlotsOf(rt: WasmRuntime): PolicySlot[] {
  return [...(rt.policy as unknown as { slots: Map<number, PolicySlot> }).slots.values()];
}

/** Drives a slot for `calls` calls with costs (ns per work unit) per way; returns the split calls made. */
function drive(slot: PolicySlot, calls: number, alone: number, split: number): number {
  let splits = 0;
  for (let i = 0; i < calls; i++) {
    const s = slot.choose();
    if (s) splits++;
    slot.record(s, s ? split : alone);
  }
  return splits;
}

describe("thread policy", () => {
  test("a class whose split calls are slower runs alone, the split way re-timed rarely", () => {
    const slot = new PolicySlot();
    const splits = drive(slot, 2000, 1, 1.6);
    expect(slot.split).toBe(false);
    // three warm-up calls, then re-timings at doubling intervals up to 64 calls while alone (2 % of the calls)
    expect(splits).toBeGreaterThanOrEqual(3);
    expect(splits).toBeLessThan(40);
  });

  test("a class whose split calls are faster runs split", () => {
    const slot = new PolicySlot();
    const splits = drive(slot, 2000, 1, 0.6);
    expect(slot.split).toBe(true);
    // three warm-up calls alone, then re-timings alone at doubling intervals up to 512 calls
    expect(splits).toBeGreaterThan(1980);
  });

  test("a tie stays on one thread (splitting also keeps a second core busy)", () => {
    const slot = new PolicySlot();
    drive(slot, 500, 1, 0.98);
    expect(slot.split).toBe(false);
  });

  test("the verdict follows a change of costs (a machine that gets busy, then quiet again)", () => {
    const slot = new PolicySlot();
    drive(slot, 3000, 1, 0.5);
    expect(slot.split).toBe(true);
    // at most one probe interval (512 calls while split, 64 while alone) and a few re-timings to notice
    drive(slot, 1200, 1, 3);
    expect(slot.split).toBe(false);
    drive(slot, 1200, 1, 0.5);
    expect(slot.split).toBe(true);
  });

  test("one outlying call (a descheduled thread) does not flip a verdict", () => {
    const slot = new PolicySlot();
    drive(slot, 100, 1, 0.5);
    slot.record(true, 50);
    drive(slot, 3, 1, 0.5);
    expect(slot.split).toBe(true);
  });

  test("a settled verdict stands for the calls before the next re-timing, and calls made on it bring that re-timing", () => {
    const slot = new PolicySlot();
    expect(slot.standing()).toBe(0); // warming up: every call is chosen
    drive(slot, 40, 1, 0.5);
    expect(slot.split).toBe(true);
    const left = slot.standing();
    expect(left).toBeGreaterThan(0);
    // the calls a noted call's record makes in the module on the verdict, then the next chosen one
    slot.made(left);
    expect(slot.standing()).toBe(0);
    expect(slot.choose()).toBe(false); // the re-timing of the losing way
  });

  test("classes are per kernel, power of two of the work and way of cutting; reset forgets them", () => {
    const p = new ThreadPolicy();
    expect(p.slot(3, 1000)).toBe(p.slot(3, 1023));
    expect(p.slot(3, 1000)).not.toBe(p.slot(3, 2048));
    expect(p.slot(3, 1000)).not.toBe(p.slot(4, 1000));
    expect(p.slot(3, 1000, 8, 1)).not.toBe(p.slot(3, 1000, 2, 1));
    expect(p.slot(3, 1000, 2, 2)).not.toBe(p.slot(3, 1000, 2, 1));
    drive(p.slot(3, 1000), 50, 1, 0.5);
    expect(p.summary()).toEqual({ split: 1, classes: 5 });
    p.reset();
    expect(p.summary()).toEqual({ split: 0, classes: 0 });
  });
});

describe("thread policy on the wasm backend", () => {
  /** A product with a small C and a long K: split over K into two partials, summed in order. */
  function splitK(name: string): Float32Array {
    bp.setBackend(name);
    return bp.tidy(
      () =>
        bp
          .randn([16, 8192], { seed: 3 })
          .matmul(bp.randn([8192, 16], { seed: 4 }))
          .dataSync() as Float32Array,
    );
  }

  test("whichever way the policy runs a call (its warm-up alternates them), a product has one thread's bits", async () => {
    bp.registerBackend("wasm-policy-1", () => createWasmBackend({ threads: 1 }), -1);
    bp.registerBackend("wasm-policy-2", () => createWasmBackend({ threads: 2 }), -1);
    bp.setBackend("wasm-policy-2");
    await threadsReady("wasm-policy-2");
    const product = (name: string): Float32Array => {
      bp.setBackend(name);
      return bp.tidy(
        () =>
          bp
            .randn([200, 300], { seed: 1 })
            .matmul(bp.randn([300, 150], { seed: 2 }))
            .relu()
            .dataSync() as Float32Array,
      );
    };
    const want = product("wasm-policy-1");
    const pool = wasmBackend("wasm-policy-2").runtime.threadPool!;
    // no solo spells (a busy machine could start one): every split call is posted
    pool.soloMs = 0;
    const jobs = pool.stats.jobs;
    for (let i = 0; i < 30; i++)
      expect(Buffer.compare(Buffer.from(product("wasm-policy-2").buffer), Buffer.from(want.buffer))).toBe(0);
    // the warm-up alone posts three split calls to the helpers
    expect(pool.stats.jobs - jobs).toBeGreaterThanOrEqual(3);
  });

  test("captured steps are timed whole, some replays alone, and keep one thread's bits", async () => {
    bp.registerBackend("wasm-step-1", () => createWasmBackend({ threads: 1 }), -1);
    bp.registerBackend("wasm-step-2", () => createWasmBackend({ threads: 2 }), -1);
    bp.setBackend("wasm-step-2");
    await threadsReady("wasm-step-2");
    const run = (name: string, calls: number): { outs: Float32Array[]; jobs: number[]; modes: string[] } => {
      bp.setBackend(name);
      const w = bp.keep(bp.randn([300, 150], { seed: 2 }));
      const x = bp.keep(bp.randn([200, 300], { seed: 1 }));
      const step = bp.compileStep((a: bp.Tensor) => a.matmul(w).relu().matmul(w.transpose()));
      const pool = wasmBackend(name).runtime.threadPool;
      if (pool) pool.soloMs = 0;
      const outs: Float32Array[] = [];
      const jobs: number[] = [];
      const modes: string[] = [];
      for (let i = 0; i < calls; i++) {
        const before = pool?.stats.jobs ?? 0;
        outs.push(bp.tidy(() => step(x).dataSync() as Float32Array));
        jobs.push((pool?.stats.jobs ?? 0) - before);
        modes.push(step.mode);
      }
      step.dispose();
      return { outs, jobs, modes };
    };
    const want = run("wasm-step-1", 1).outs[0]!;
    const stats = wasmBackend("wasm-step-2").runtime.stepStats;
    const { outs, jobs, modes } = run("wasm-step-2", 40);
    for (const o of outs) expect(Buffer.compare(Buffer.from(o.buffer), Buffer.from(want.buffer))).toBe(0);
    const replays = modes.map((m, i) => (m === "replayed" ? jobs[i]! : -1)).filter((j) => j >= 0);
    expect(replays.length).toBeGreaterThan(30);
    expect(stats.alone + stats.split).toBe(replays.length);
    // the step's warm-up runs three replays alone (no job posted) and three with the threads
    expect(stats.alone).toBeGreaterThanOrEqual(3);
    expect(stats.split).toBeGreaterThanOrEqual(3);
    expect(replays.filter((j) => j === 0).length).toBeGreaterThanOrEqual(stats.alone);
  });

  test("a replayed step's settled split calls are posted from the module, and their verdicts are still re-timed", async () => {
    const rt = await threadedRuntime("wasm-step-module");
    const pool = rt.threadPool!;
    pool.soloMs = 0;
    const own = (): number => pool.stats.jsJobs;
    const w = bp.keep(bp.randn([300, 150], { seed: 2 }));
    const x = bp.keep(bp.randn([200, 300], { seed: 1 }));
    const step = bp.compileStep((a: bp.Tensor) => a.matmul(w).relu().matmul(w.transpose()));
    // every kernel split, the step's whole-step verdict too: its split calls then stand on their verdicts
    const { choose, record } = PolicySlot.prototype;
    PolicySlot.prototype.record = function (this: PolicySlot, split: boolean) {
      record.call(this, split, split ? 1 : 2);
    };
    try {
      for (let i = 0; i < 60; i++) bp.tidy(() => void step(x));
      const [jobs0, own0] = [pool.stats.jobs, own()];
      const chosen = { n: 0 };
      PolicySlot.prototype.choose = function (this: PolicySlot) {
        chosen.n++;
        return choose.call(this);
      };
      for (let i = 0; i < 600; i++) bp.tidy(() => void step(x));
      const posted = pool.stats.jobs - jobs0;
      // most split calls are posted by the module, not by the JavaScript pool
      expect(posted).toBeGreaterThan(600);
      expect(own() - own0).toBeLessThan(posted / 2);
      // the policy still sees calls now and then: the steps' and the kernels' re-timings
      expect(chosen.n).toBeGreaterThan(600);
      expect(chosen.n).toBeLessThan(600 + posted / 2);
    } finally {
      PolicySlot.prototype.choose = choose;
      PolicySlot.prototype.record = record;
      step.dispose();
      w.dispose();
      x.dispose();
    }
  });

  test("a step's split replays count as its samples only once the kernels they split have their own verdicts", async () => {
    const rt = await threadedRuntime("wasm-step-warm");
    rt.threadPool!.soloMs = 0;
    const kernelSlots = (): PolicySlot[] => kernelSlotsOf(rt);
    // every sample a step's slot takes of its split way, with whether its kernels had settled then
    const splitSamples: boolean[] = [];
    const record = PolicySlot.prototype.record;
    PolicySlot.prototype.record = function (this: PolicySlot, split: boolean, cost: number) {
      const kernels = kernelSlots();
      if (split && !kernels.includes(this)) splitSamples.push(kernels.every((k) => k.settled));
      record.call(this, split, cost);
    };
    try {
      const w = bp.keep(bp.randn([300, 150], { seed: 2 }));
      const x = bp.keep(bp.randn([200, 300], { seed: 1 }));
      const step = bp.compileStep((a: bp.Tensor) => a.matmul(w).relu().matmul(w.transpose()));
      for (let i = 0; i < 30; i++) bp.tidy(() => step(x));
      step.dispose();
    } finally {
      PolicySlot.prototype.record = record;
    }
    expect(kernelSlots().length).toBeGreaterThan(0);
    expect(splitSamples.length).toBeGreaterThanOrEqual(3);
    expect(splitSamples.every((settled) => settled)).toBe(true);
  });

  test("a split re-timing of a settled step runs its kernels split whatever their own verdicts, in the module", async () => {
    // kernels are timed only in a step's split replays: kernels that lost their warm-up (V8
    // compiling on the second core) would run alone in every split replay of a step whose verdict
    // is alone, the step's split way would time as its lone way, and neither would be re-timed
    const rt = await threadedRuntime("wasm-step-probe");
    const pool = rt.threadPool!;
    pool.soloMs = 0;
    /** The slot fields the test sets (nextProbe is private). */
    interface Slot {
      split: boolean;
      nextProbe: number;
      readonly settled: boolean;
    }
    const kernelSlots = (): Slot[] => kernelSlotsOf(rt) as unknown as Slot[];
    const stepSlots = (): Slot[] => [
      ...(rt as unknown as { stepSlots: Map<string, Slot> }).stepSlots.values(),
    ];
    const w = bp.keep(bp.randn([300, 150], { seed: 2 }));
    const x = bp.keep(bp.randn([200, 300], { seed: 1 }));
    const step = bp.compileStep((a: bp.Tensor) => a.matmul(w).relu().matmul(w.transpose()));
    const want = bp.tidy(() => step(x).dataSync() as Float32Array);
    for (let i = 0; i < 40; i++) bp.tidy(() => step(x));
    expect(step.mode).toBe("replayed");
    const kernels = kernelSlots();
    expect(kernels.length).toBeGreaterThan(0);
    expect(kernels.every((k) => k.settled)).toBe(true);
    // every kernel lost its warm-up and is not due for a re-timing of its own; the step runs alone
    // and its split way is due
    for (const k of kernels) {
      k.split = false;
      k.nextProbe = Infinity;
    }
    const [slot] = stepSlots();
    slot!.split = false;
    slot!.nextProbe = 0;
    // the last replay's span would be sampled at the start of the next one and take a verdict again
    (rt as unknown as { spanSlot: unknown }).spanSlot = undefined;
    const jobs = pool.stats.jobs;
    const split = rt.stepStats.split;
    // handed back to JavaScript one by one, a re-timing's calls cost more than the split replays it
    // stands for, and the step stayed alone: none is handed back
    const proto = Object.getPrototypeOf(rt) as { handBack(i: number): void };
    const handBack = proto.handBack;
    let handedBack = 0;
    proto.handBack = function (this: unknown, i: number) {
      handedBack++;
      handBack.call(this, i);
    };
    let got: Float32Array;
    try {
      got = bp.tidy(() => step(x).dataSync() as Float32Array);
    } finally {
      proto.handBack = handBack;
    }
    expect(rt.stepStats.split).toBe(split + 1);
    expect(handedBack).toBe(0);
    expect(pool.stats.jobs - jobs).toBeGreaterThanOrEqual(kernels.length);
    expect(Buffer.compare(Buffer.from(got.buffer), Buffer.from(want.buffer))).toBe(0);
    step.dispose();
  });

  /**
   * 400 replays of a synthetic captured step on a fresh 2-thread runtime: each takes stepMs(split,
   * whether the last one ran split) milliseconds of busy work and is followed by gapMs(split) of work
   * between steps. Returns the way each replay ran.
   */
  async function syntheticSteps(
    name: string,
    stepMs: (split: boolean, lastSplit: boolean) => number,
    gapMs: (split: boolean) => number,
  ): Promise<boolean[]> {
    const rt = await threadedRuntime(name);
    const spin = (ms: number): void => {
      for (const t = performance.now(); performance.now() - t < ms; );
    };
    const ways: boolean[] = [];
    let split = false;
    for (let i = 0; i < 400; i++) {
      const lastSplit = split;
      rt.runProgram(`${name}-step`, () => {
        split = (rt as unknown as { aloneDepth: number }).aloneDepth === 0;
        spin(stepMs(split, lastSplit));
      });
      ways.push(split);
      spin(gapMs(split));
    }
    return ways;
  }

  test("a step whose split replays are faster once the helpers are awake runs split, though the first after lone ones is slow", async () => {
    // W1's gradient step on 2 vCPUs: split 0.31 ms once the helper is awake, 0.43 alone, and the first
    // split replay after lone ones (the helper asleep) 0.46–0.64; timing that replay kept it alone
    const ways = await syntheticSteps("wasm-step-wake", (split, last) => (split ? (last ? 0.3 : 1.2) : 0.45), () => 0.05);
    const late = ways.slice(200);
    expect(late.filter((s) => s).length).toBeGreaterThan(late.length * 0.8);
  });

  test("what a split replay costs the work after it counts: a step whose split replays are faster but slow what follows runs alone", async () => {
    // the JavaScript between two steps is slower after a split replay (a helper still spinning on a
    // core the main thread's next work needed): 0.75 ms a step split against 0.5 alone
    const ways = await syntheticSteps("wasm-step-span", (split) => (split ? 0.3 : 0.45), (split) => (split ? 0.45 : 0.05));
    const late = ways.slice(200);
    expect(late.filter((s) => !s).length).toBeGreaterThan(late.length * 0.8);
  });

  test("a step compiled again (the next fit of a model) keeps its whole-step verdict", async () => {
    const rt = await threadedRuntime("wasm-step-again");
    const w = bp.keep(bp.randn([300, 150], { seed: 2 }));
    const fit = (rows: number): void => {
      const x = bp.randn([rows, 300], { seed: 1 });
      const step = bp.compileStep((a: bp.Tensor) => a.matmul(w).relu());
      for (let i = 0; i < 12; i++) bp.tidy(() => step(x));
      step.dispose();
      x.dispose();
    };
    fit(200);
    const timed = rt.stepStats.split + rt.stepStats.alone;
    expect(timed).toBeGreaterThan(6);
    expect(rt.stepVerdicts).toBe(1);
    fit(200);
    // the second step replays under the first one's verdict: no second slot
    expect(rt.stepVerdicts).toBe(1);
    fit(100);
    expect(rt.stepVerdicts).toBe(2);
  });

  test(
    "kernels whose helper is slow run alone, with the bits of the split run",
    { timeout: 60000 },
    async () => {
      bp.registerBackend("wasm-policy", () => createWasmBackend({ threads: 2 }), -1);
      bp.registerBackend(
        "wasm-policy-split",
        () => createWasmBackend({ threads: 2, parallelThreshold: 0 }),
        -1,
      );
      bp.setBackend("wasm-policy");
      bp.setBackend("wasm-policy-split");
      await threadsReady("wasm-policy");
      await threadsReady("wasm-policy-split");
      const rt = wasmBackend("wasm-policy").runtime;
      const pool = rt.threadPool!;
      // no solo spells: only the policy keeps jobs off the slow helper
      pool.soloMs = 0;
      pool.debugSlow(1, 20);
      const want = splitK("wasm-policy-split");
      const before = pool.stats.helperShares;
      const got = Array.from({ length: 60 }, () => splitK("wasm-policy"));
      // the slow helper runs a share of the product's warm-up and re-timing calls only (every call
      // split would give it 60). Counted in shares the helper ran, not in jobs posted or verdicts: a
      // job whose two shares the calling thread took before the sleeping helper woke (0.3-1 ms, where
      // one the helper joined takes 20) samples the split way as cheap, so the policy may post a few
      // more jobs or end on a split verdict that hands the helper nothing (1 run in 10 here)
      expect(pool.stats.helperShares - before).toBeLessThan(12);
      for (const g of got) expect(Buffer.compare(Buffer.from(g.buffer), Buffer.from(want.buffer))).toBe(0);
      pool.debugSlow(1, 0);
    },
  );
});
