/**
 * Split calls posted from the module: a replayed step whose kernel classes have split verdicts posts
 * their jobs in the module (runNotes, runJob), and the faults the JavaScript pool handles are handled
 * there too — a helper that stops responding while the module waits on its share is replaced and the
 * share recomputed; one that runs slow (its core taken) sends the calls to the caller alone for a
 * while — with the bits of the healthy run.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import * as bp from "../../src/index.js";
import { PolicySlot } from "../../src/backend/wasm/policy.js";
import { ThreadPool } from "../../src/backend/wasm/threads.js";
import { threadedRuntime } from "./helpers.js";

const { record } = PolicySlot.prototype;

afterEach(() => {
  PolicySlot.prototype.record = record;
  vi.restoreAllMocks();
});

let counter = 0;

/**
 * A two-thread backend whose every policy slot finds the split way faster, and a step settled on it.
 * `run(k)` replays it on input k of two (a share left undone would keep the other input's values).
 */
async function splitStep(): Promise<{ pool: ThreadPool; run: (k?: number) => Float32Array; dispose: () => void }> {
  const name = `wasm-module-jobs-${counter++}`;
  const pool = (await threadedRuntime(name)).threadPool!;
  PolicySlot.prototype.record = function (this: PolicySlot, split: boolean) {
    record.call(this, split, split ? 1 : 2);
  };
  const w = bp.keep(bp.randn([300, 150], { seed: 2 }));
  const xs = [bp.keep(bp.randn([200, 300], { seed: 1 })), bp.keep(bp.randn([200, 300], { seed: 3 }))];
  const step = bp.compileStep((a: bp.Tensor) => a.matmul(w).relu().matmul(w.transpose()));
  const run = (k = 0): Float32Array => bp.tidy(() => step(xs[k]!).dataSync() as Float32Array);
  for (let i = 0; i < 60; i++) run(i % 2);
  return {
    pool,
    run,
    dispose: () => {
      step.dispose();
      w.dispose();
      for (const x of xs) x.dispose();
    },
  };
}

/** Jobs the JavaScript pool posted itself (the rest of pool.stats.jobs the module posted). */
const ownJobs = (pool: ThreadPool): number => pool.stats.jsJobs;

const same = (a: Float32Array, b: Float32Array): boolean => Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer)) === 0;

describe("split calls posted from the module", () => {
  test("a settled step's split calls are posted from the module", async () => {
    const { pool, run, dispose } = await splitStep();
    try {
      const [jobs, own] = [pool.stats.jobs, ownJobs(pool)];
      for (let i = 0; i < 20; i++) run(i % 2);
      expect(pool.stats.jobs - jobs).toBeGreaterThanOrEqual(20);
      expect(ownJobs(pool) - own).toBeLessThan((pool.stats.jobs - jobs) / 2);
    } finally {
      dispose();
    }
  });

  test("a helper that stops responding while the module waits on its share is replaced; its share is recomputed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { pool, run, dispose } = await splitStep();
    try {
      const want = [run(0), run(1)];
      pool.timeoutMs = 300;
      const finished = vi.spyOn(ThreadPool.prototype, "finishPosted");
      pool.debugHang(1);
      const wrong: number[] = [];
      // a time, not a job count: on a loaded machine the caller may claim every share of many jobs first
      for (let i = 0, t0 = Date.now(); !warn.mock.calls.flat().join(" ").includes("stopped responding") && Date.now() - t0 < 10000; i++)
        if (!same(run(i % 2), want[i % 2]!)) wrong.push(i);
      expect(warn.mock.calls.flat().join(" ")).toMatch(/stopped responding/);
      // the module posted the job whose share the helper held, and handed it back to be finished
      expect(finished).toHaveBeenCalled();
      await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 10; i++) if (!same(run(i % 2), want[i % 2]!)) wrong.push(100000 + i);
      expect(wrong).toEqual([]);
    } finally {
      dispose();
    }
  });

  test("a helper that keeps the module waiting (its core taken) sends the calls to the caller alone for a while; results stay the same", async () => {
    const { pool, run, dispose } = await splitStep();
    try {
      const want = [run(0), run(1)];
      // a spell long enough that a loaded machine cannot end it before the checks within it
      pool.soloMs = 1500;
      pool.debugSlow(1, 15);
      const wrong: number[] = [];
      const check = (i: number): void => {
        if (!same(run(i % 2), want[i % 2]!)) wrong.push(i);
      };
      for (let i = 0, t0 = Date.now(); pool.stats.soloSpells === 0 && Date.now() - t0 < 10000; i++) check(i);
      expect(pool.stats.soloSpells).toBe(1);
      // within the spell no job is posted, from the module or from JavaScript
      const shares = pool.stats.helperShares;
      check(100);
      check(101);
      expect(pool.stats.helperShares).toBe(shares);
      pool.debugSlow(1, 0);
      await new Promise((r) => setTimeout(r, 1520));
      for (let i = 0; i < 20; i++) check(200 + i);
      expect(pool.stats.helperShares).toBeGreaterThan(shares);
      expect(wrong).toEqual([]);
    } finally {
      pool.debugSlow(1, 0);
      dispose();
    }
  });
});
