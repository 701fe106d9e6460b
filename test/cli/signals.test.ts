/**
 * `backprop train` stopped by a signal, as a user stops it: the first SIGINT (Ctrl-C) or SIGTERM ends
 * training after the current batch and saves the run, marked interrupted, with exit code 130 / 143;
 * a second signal ends the process at once. Each test runs bin/backprop.js as a child process.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { start, tmp } from "./helpers.js";

interface Interrupted {
  signal: string;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
}

const EPOCHS = 100;
/** An mlp on 500 digits: a fraction of a second per epoch, so 100 epochs are far from done when the signal comes. */
const args = (out: string): string[] => ["train", "--model", "mlp", "--limit", "500", "--epochs", String(EPOCHS), "--seed", "2", "--out", out];

async function interruptAfterFirstEpoch(sig: "SIGINT" | "SIGTERM"): Promise<{ dir: string; out: string; r: Awaited<ReturnType<typeof start>["ended"]> }> {
  const dir = tmp("bp-cli-signal-");
  const out = join(dir, "run");
  const p = start(args(out));
  await p.waitForStderr(/Epoch 1\//);
  p.child.kill(sig);
  const r = await p.ended;
  return { dir, out, r };
}

/** The checks every gracefully interrupted run passes: a complete, loadable run marked interrupted. */
async function expectSavedInterruptedRun(dir: string, out: string, sig: string, stderr: string): Promise<Interrupted> {
  expect(stderr).toContain(`interrupted by ${sig}`);
  expect(readdirSync(dir)).toEqual(["run"]); // no staging directory left beside it
  expect(readdirSync(out).sort()).toEqual(["model", "report.html", "results.json", "run.json"]);
  const info = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as { interrupted?: Interrupted };
  const it = info.interrupted!;
  expect(it.signal).toBe(sig);
  expect(it.epochs).toBe(EPOCHS);
  expect(it.epoch).toBeGreaterThanOrEqual(1);
  expect(it.epoch).toBeLessThan(EPOCHS);
  expect(it.batch).toBeGreaterThanOrEqual(1);
  expect(it.batch).toBeLessThanOrEqual(it.batches);
  const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { history: Record<string, number[]>; interrupted?: Interrupted };
  expect(results.history["loss"]).toHaveLength(it.epoch);
  expect(results.interrupted).toEqual(it);
  expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(new RegExp(`id="interrupted"[^>]*>[^<]*${sig}[^<]*epoch ${it.epoch} of ${EPOCHS}`));
  const model = await bp.loadModel(join(out, "model"));
  expect(model.predict(bp.zeros([2, 28, 28, 1])).shape).toEqual([2, 10]);
  expect(model.trainingEpoch).toBe(it.epoch);
  return it;
}

describe("backprop train and signals", () => {
  test("SIGINT: stops after the current batch, saves the run marked interrupted, exits 130", async () => {
    const { dir, out, r } = await interruptAfterFirstEpoch("SIGINT");
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    await expectSavedInterruptedRun(dir, out, "SIGINT", r.stderr);
    expect(r.stdout).toMatch(/Training interrupted by SIGINT in epoch \d+ of 100/);
    expect(r.stdout).toContain(`Saved the model to ${out}/model`);
  }, 180_000);

  test("SIGTERM: the same, exit code 143", async () => {
    const { dir, out, r } = await interruptAfterFirstEpoch("SIGTERM");
    expect(r.signal).toBeNull();
    expect(r.code).toBe(143);
    await expectSavedInterruptedRun(dir, out, "SIGTERM", r.stderr);
  }, 180_000);

  test("a second signal ends the process at once, before the run is saved", async () => {
    const dir = tmp("bp-cli-signal-");
    const out = join(dir, "run");
    // a CNN on 2,000 digits: finishing the epoch's validation and scoring the test set take long after the first signal
    const p = start(["train", "--limit", "2000", "--epochs", "20", "--validation-split", "0.5", "--out", out]);
    await p.waitForStderr(/Epoch 1\//);
    p.child.kill("SIGINT");
    await p.waitForStderr(/interrupted by SIGINT/);
    p.child.kill("SIGINT");
    const r = await p.ended;
    // ended by the signal itself (default action) or by the handler with its exit code
    expect(r.signal === "SIGINT" || r.code === 130).toBe(true);
    expect(r.stdout).not.toContain("Saved the model");
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).not.toContain("Epoch 20/20");
  }, 180_000);
});
