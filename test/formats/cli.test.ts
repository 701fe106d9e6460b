/** `backprop export`, and evaluate / predict / summary on models in other formats. */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, tmp } from "../cli/helpers.js";

const dir = tmp("bp-export-");
const run = join(dir, "run");
beforeAll(async () => {
  const r = await cli("train", "--dataset", "mnist", "--limit", "200", "--epochs", "1", "--model", "mlp", "--seed", "2", "--out", run, "--json");
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("export to safetensors and tfjs; evaluate, predict and summary read them with the run's scores", async () => {
  const base = JSON.parse((await cli("evaluate", "--model", run, "--limit", "200", "--json")).stdout) as { test: { accuracy: number } };
  const st = join(dir, "m.safetensors");
  const r1 = await cli("export", "--model", run, "--format", "safetensors", "--out", st);
  expect(r1.code, r1.stderr).toBe(0);
  expect(r1.stdout).toContain("safetensors");
  const web = join(dir, "web");
  expect((await cli("export", "--model", st, "--format", "tfjs", "--out", web)).code).toBe(0);
  const pt = join(dir, "pt.safetensors");
  expect((await cli("export", "--model", web, "--format", "safetensors", "--torch-names", "--out", pt)).code).toBe(0);
  expect(existsSync(join(dir, "pt.py"))).toBe(true);
  const onnx = join(dir, "m.onnx");
  expect((await cli("export", "--model", pt, "--format", "onnx", "--out", onnx)).code).toBe(0);
  const keras = join(dir, "m.keras");
  expect((await cli("export", "--model", onnx, "--format", "keras", "--out", keras)).code).toBe(0);
  for (const m of [st, web, pt, onnx, keras]) {
    const e = await cli("evaluate", "--model", m, "--limit", "200", "--json");
    expect(e.code, e.stderr).toBe(0);
    expect((JSON.parse(e.stdout) as typeof base).test.accuracy).toBe(base.test.accuracy);
    const s = await cli("summary", "--model", m, "--json");
    expect(s.code, s.stderr).toBe(0);
    expect((JSON.parse(s.stdout) as { totalParams: number }).totalParams).toBeGreaterThan(100_000);
  }
  const csv = join(dir, "x.csv");
  writeFileSync(csv, `${new Array(784).fill(0.5).join(",")}\n`);
  const p = await cli("predict", "--model", st, "--input", csv, "--json");
  expect(p.code, p.stderr).toBe(0);
});

test("bad export requests: an unknown format is a usage error, a damaged model an input error", async () => {
  expect((await cli("export", "--model", run, "--format", "pickle", "--out", join(dir, "x"))).code).toBe(2);
  expect((await cli("export", "--model", run, "--format", "tfjs", "--torch-names", "--out", join(dir, "x"))).code).toBe(2);
  const bad = join(dir, "bad.safetensors");
  writeFileSync(bad, Buffer.from([9, 0, 0, 0, 0, 0, 0, 0, 123, 34]));
  const r = await cli("evaluate", "--model", bad);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain("bad.safetensors");
});
