/** The one API: the extension picks the format, loadModel detects by content, failed saves keep the old file. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, renameSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { zoo } from "./zoo.js";

const dir = mkdtempSync(join(tmpdir(), "bp-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const good = zoo().find((m) => m.name === "cnn")!.model;
/** A model without an input shape cannot be written in any format (its weights do not exist yet). */
const unbuilt = () => bp.sequential([bp.layers.dense({ units: 2 })]);

/** Every file under `p` (or `p` itself) with its bytes. */
const snapshot = (p: string): Record<string, string> =>
  statSync(p).isDirectory() ? Object.fromEntries(readdirSync(p).map((f) => [f, readFileSync(join(p, f)).toString("base64")])) : { [p]: readFileSync(p).toString("base64") };

test.each([
  ["model.safetensors", {}],
  ["torch.safetensors", { torchNames: true }],
  ["model.onnx", {}],
  ["model.keras", {}],
  ["model.weights.h5", {}],
  ["web", { format: "tfjs" }],
] as const)("%s: a failed save leaves the previous version intact", async (name, options) => {
  const p = join(dir, name);
  await good.save(p, options);
  const before = snapshot(p);
  await expect(unbuilt().save(p, options)).rejects.toThrow(/not built/);
  expect(snapshot(p)).toEqual(before);
  expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
});

test("loadModel goes by content, not by name", async () => {
  await good.save(join(dir, "a.onnx"));
  await good.save(join(dir, "b.keras"));
  await good.save(join(dir, "c.safetensors"));
  renameSync(join(dir, "a.onnx"), join(dir, "a.bin"));
  renameSync(join(dir, "b.keras"), join(dir, "b.bin"));
  renameSync(join(dir, "c.safetensors"), join(dir, "c.dat"));
  for (const f of ["a.bin", "b.bin", "c.dat"]) expect((await bp.loadModel(join(dir, f))).countParams()).toBe(good.countParams());
});

test("bad options are ValueErrors; unknown content a FormatError naming the file", async () => {
  await expect(good.save(join(dir, "x"), { format: "pickle" as "onnx" })).rejects.toThrow(/unknown format "pickle"/);
  await expect(good.save(join(dir, "x.onnx"), { torchNames: true })).rejects.toThrow(/torchNames applies to the safetensors format/);
  const junk = join(dir, "junk.bin");
  (await import("node:fs")).writeFileSync(junk, "not a model at all");
  await expect(bp.loadModel(junk)).rejects.toThrow(/junk.bin is not a model file/);
  await expect(bp.loadWeights(good, junk)).rejects.toThrow(bp.FormatError);
});

test("a model path or model.json that is a device is a FormatError, not an endless read", async () => {
  const linked = join(dir, "zero-model");
  mkdirSync(linked);
  symlinkSync("/dev/zero", join(linked, "model.json"));
  await expect(bp.loadModel(linked)).rejects.toThrow(bp.FormatError);
  await expect(bp.loadModel("/dev/zero")).rejects.toThrow(/not a regular file/);
});
