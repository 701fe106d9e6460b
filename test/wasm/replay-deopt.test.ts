/**
 * The replayer of captured steps stays optimized: once V8 has compiled `replay` (src/tensor/program.ts)
 * with the kernels and update rules it inlines, no argument of another hidden class or elements kind
 * may throw it back to the interpreter. The wasm update rule once spread the pointer array Array.map
 * returned into its export call; the replayer was deoptimized there ("wrong map") in W1's second
 * epoch (W3's first) and ran interpreted until the third or fourth.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";

describe("replay under V8's optimizing compiler", () => {
  test("one fit of an MLP with Adam: replay is optimized and never deoptimized", () => {
    const out = execFileSync(
      process.execPath,
      // compiled on the main thread when V8 decides to: on a loaded machine a background compilation
      // may not finish before the fit does, and whether replay deoptimizes does not depend on it
      ["--trace-opt", "--trace-deopt", "--no-concurrent-recompilation", "--import", "tsx", "test/wasm/fixtures/replay-trace.ts", "16"],
      { timeout: 120_000, maxBuffer: 1 << 28, encoding: "utf8" },
    );
    const lines = out.split("\n");
    const optimized = lines.filter((l) =>
      /completed (optimizing|compiling) +\S+ <JSFunction replay /.test(l),
    );
    const deoptimized = lines.filter((l) => /deoptimizing +\S+ <JSFunction replay /.test(l));
    expect(optimized.length).toBeGreaterThan(0);
    expect(deoptimized).toEqual([]);
  }, 120_000);
});
