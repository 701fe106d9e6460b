/**
 * Helper threads: they really take shares; a helper that dies between kernels is replaced, one that
 * stops responding while holding a share is presumed dead after the timeout and its share recomputed,
 * a share that traps on a helper is recomputed by the caller, one that runs slow (its core taken)
 * leaves jobs to the caller for a while — either way results stay
 * correct; and helpers never keep the Node process alive.
 */
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend, type WasmBackend } from "../../src/backend/wasm/index.js";
import { backendByName } from "../../src/tensor/engine.js";
import { threadsReady } from "./helpers.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function product(backend: string): Float32Array {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const a = bp.randn([96, 80], { seed: 5 });
    const b = bp.randn([80, 120], { seed: 6 });
    return a.matmul(b).dataSync() as Float32Array;
  });
}

let counter = 0;
async function freshPool(): Promise<{ name: string; be: WasmBackend }> {
  const name = `wasm-threads-${counter++}`;
  bp.registerBackend(name, () => createWasmBackend({ threads: 2, parallelThreshold: 0 }), -1);
  bp.setBackend(name);
  await threadsReady(name);
  return { name, be: backendByName(name) as unknown as WasmBackend };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("helper threads", () => {
  test("a helper takes shares of large kernels", async () => {
    const { name, be } = await freshPool();
    const pool = be.runtime.threadPool!;
    for (let i = 0; i < 20; i++) product(name);
    expect(pool.stats.jobs).toBeGreaterThan(0);
    expect(pool.stats.helperShares).toBeGreaterThan(0);
  });

  test("a helper that dies between kernels is replaced and results stay correct", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { name, be } = await freshPool();
    const want = product("js");
    const pool = be.runtime.threadPool!;
    pool.debugTerminate(1);
    expect(product(name)).toEqual(product(name));
    await sleep(100);
    await threadsReady(name);
    expect(pool.readyCount()).toBe(1);
    const got = product(name);
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-4 * (1 + Math.abs(want[i]!))));
    expect(warn.mock.calls.flat().join(" ")).toMatch(/died/);
  });

  test("a helper that stops responding while holding a share is replaced; its share is recomputed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { name, be } = await freshPool();
    const pool = be.runtime.threadPool!;
    const want = product(name);
    pool.timeoutMs = 300;
    pool.debugHang(1);
    // keep posting work until the hanging helper has claimed (and abandoned) a share: a time, not a
    // job count (on a loaded machine the caller may claim every share of many jobs first)
    let got = product(name);
    for (const t0 = Date.now(); !warn.mock.calls.flat().join(" ").includes("stopped responding") && Date.now() - t0 < 10000; )
      got = product(name);
    expect(warn.mock.calls.flat().join(" ")).toMatch(/stopped responding/);
    expect(got).toEqual(want);
    await threadsReady(name);
    expect(product(name)).toEqual(want);
  });

  test("the job tag wraps (more than 4,096 jobs): every share runs once, and no helper is presumed dead", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { name, be } = await freshPool();
    const pool = be.runtime.threadPool!;
    pool.timeoutMs = 2000;
    const want = product(name);
    const a = bp.randn([96, 80], { seed: 5 });
    const b = bp.randn([80, 120], { seed: 6 });
    const jobs = pool.stats.jobs;
    let wrong = 0;
    for (let i = 0; i < 4200; i++) {
      const got = bp.tidy(() => a.matmul(b).dataSync() as Float32Array);
      if (Buffer.compare(Buffer.from(got.buffer), Buffer.from(want.buffer)) !== 0) wrong++;
    }
    expect(pool.stats.jobs - jobs).toBeGreaterThan(4096);
    expect(wrong).toBe(0);
    expect(pool.stats.redone).toBe(0);
    expect(warn.mock.calls.flat().join(" ")).not.toMatch(/stopped responding|died|failed/);
  });

  test("a share that traps on a helper is recomputed by the caller; the helper takes shares again", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { name, be } = await freshPool();
    const pool = be.runtime.threadPool!;
    const want = product(name);
    const redone = pool.stats.redone;
    pool.debugTrap(1);
    // keep posting work until the helper has claimed a share (on a loaded machine the caller may
    // claim every share of many jobs first): a time, not a job count
    let got = product(name);
    for (const t0 = Date.now(); pool.stats.redone === redone && Date.now() - t0 < 10000; ) got = product(name);
    expect(pool.stats.redone).toBe(redone + 1);
    expect(got).toEqual(want);
    // the same helper (none died or was replaced) runs shares again
    expect(warn.mock.calls.flat().join(" ")).not.toMatch(/died|stopped responding/);
    const shares = pool.stats.helperShares;
    for (const t0 = Date.now(); pool.stats.helperShares === shares && Date.now() - t0 < 10000; ) expect(product(name)).toEqual(want);
    expect(pool.stats.helperShares).toBeGreaterThan(shares);
  });

  test("a helper that keeps the caller waiting (its core taken) sends jobs to the caller alone for a while; results stay the same", async () => {
    const { be } = await freshPool();
    const pool = be.runtime.threadPool!;
    // the operands made once, so the helper is still spinning (not asleep) when each product is posted
    const a = bp.randn([1024, 80], { seed: 5 });
    const b = bp.randn([80, 120], { seed: 6 });
    const run = (): Float32Array => bp.tidy(() => a.matmul(b).dataSync() as Float32Array);
    const want = run();
    const got: Float32Array[] = [];
    pool.soloMs = 300;
    pool.debugSlow(1, 15);
    for (const t0 = Date.now(); pool.stats.soloSpells === 0 && Date.now() - t0 < 10000; ) got.push(run());
    expect(pool.stats.soloSpells).toBe(1);
    // within the spell, jobs run on the calling thread only
    const shares = pool.stats.helperShares;
    got.push(run());
    expect(pool.stats.soloJobs).toBeGreaterThan(0);
    expect(pool.stats.helperShares).toBe(shares);
    // once it is over (a time, not a job count) and the helper is well again, it takes shares again
    pool.debugSlow(1, 0);
    await sleep(320);
    for (let i = 0; i < 20; i++) got.push(run());
    expect(pool.stats.helperShares).toBeGreaterThan(shares);
    // bit-identical whichever thread ran which share
    expect(got.filter((g) => Buffer.compare(Buffer.from(g.buffer), Buffer.from(want.buffer)) !== 0)).toHaveLength(0);
  });

  test("helpers do not keep the process alive", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "test/wasm/fixtures/exit-check.ts"], { timeout: 60000 });
    expect(out.toString().trim()).toBe("27000000");
  });

  test("setThreads validates its argument", () => {
    expect(() => bp.setThreads(0)).toThrow(bp.ValueError);
    expect(() => bp.setThreads(1.5)).toThrow(/setThreads: expected an integer/);
  });
});
