/**
 * The replayer of captured steps stays optimized: once V8 has compiled its loop (`runOps` in
 * src/tensor/program.ts, which `replay` calls) with the kernels and update rules it inlines, no
 * argument of another hidden class or elements kind may throw it back to the interpreter. The wasm
 * update rule once spread the pointer array Array.map returned into its export call; the replayer
 * was deoptimized there ("wrong map") in W1's second epoch (W3's first) and ran interpreted until
 * the third or fourth.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";

/**
 * The output lines of the fixture's fit (arguments: epochs, samples) under V8's tracing `flags`,
 * compiled on the main thread when V8 decides to: on a loaded machine a background compilation may
 * not finish before the fit does, and what V8 decides does not depend on it.
 */
function traced(flags: string[], args: string[]): string[] {
  const out = execFileSync(
    process.execPath,
    [...flags, "--no-concurrent-recompilation", "--import", "tsx", "test/wasm/fixtures/replay-trace.ts", ...args],
    { timeout: 120_000, maxBuffer: 1 << 28, encoding: "utf8" },
  );
  return out.split("\n");
}

/** Whether a trace line says V8 finished optimizing the replay loop. */
const loopOptimized = (l: string): boolean => /completed (optimizing|compiling) +\S+ <JSFunction runOps /.test(l);

describe("replay under V8's optimizing compiler", () => {
  test("one fit of an MLP with Adam: the replay loop is optimized and never deoptimized", () => {
    const lines = traced(["--trace-opt", "--trace-deopt"], ["16"]);
    const optimized = lines.filter(loopOptimized);
    const deoptimized = lines.filter((l) => /deoptimizing +\S+ <JSFunction (replay|runOps) /.test(l));
    expect(optimized.length).toBeGreaterThan(0);
    expect(deoptimized).toEqual([]);
  }, 120_000);

  test("the replay loop is optimized early in the first epoch of a fit of 125 batches", () => {
    // V8 optimizes a function after 3 + (bytecode length)/150 rounds of its budget, which the loop
    // spends once per op, or one under 81 bytes at the first round that finds its call sites
    // settled: runOps is kept under 81 bytes so that a fit's first epoch (W1's: 125 batches, three
    // eager or recording) optimizes it early. At 253 bytes, with the replay's other work in it, it
    // was optimized in the second epoch, where its compilation on the second core slowed a
    // two-thread fit's epoch by a fifth. The count of budget rounds is V8's, not a time.
    const lines = traced(["--trace-opt"], ["2", "8000"]);
    const optimizedAt = lines.findIndex(loopOptimized);
    const firstEpochEnd = lines.indexOf("@@EPOCH_END 1");
    expect(firstEpochEnd).toBeGreaterThan(0);
    expect(optimizedAt).toBeGreaterThan(0);
    expect(optimizedAt).toBeLessThan(firstEpochEnd);
    // early in the epoch, not at its end: a compilation on the second core near the end ran into
    // the second epoch (at 114 bytes it was optimized at the 109th batch)
    const batchesBefore = lines.slice(0, optimizedAt).filter((l) => l === "@@BATCH").length;
    expect(batchesBefore).toBeLessThan(80);
  }, 120_000);
});
