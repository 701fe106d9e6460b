/** examples/scale-out/run.sh as written: backprop → PyTorch DDP (2 CPU processes) → backprop, with the same accuracy at the end. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { PYTHON, pythonMissing } from "./python.js";

test("bash examples/scale-out/run.sh prints each stage's accuracy; PyTorch's trained weights score the same back in backprop", () => {
  if (pythonMissing(["torch"])) return;
  const out = mkdtempSync(join(tmpdir(), "bp-scale-out-"));
  try {
    const r = spawnSync("bash", ["examples/scale-out/run.sh", out], { encoding: "utf8", timeout: 300_000, env: { ...process.env, PYTHON } });
    expect(r.status, r.stderr).toBe(0);
    const acc = (stage: string) => Number(new RegExp(`\\[${stage}\\].*test accuracy ([0-9.]+)`).exec(r.stdout)?.[1]);
    expect(acc("1")).toBeGreaterThan(0.85);
    expect(r.stdout).toContain("[3] PyTorch DDP (2 processes, gloo)");
    expect(acc("3")).toBeGreaterThan(0.85);
    expect(Math.abs(acc("4") - acc("3"))).toBeLessThanOrEqual(0.0005);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 300_000);
