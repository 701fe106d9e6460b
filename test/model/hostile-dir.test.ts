/**
 * loadModel on hostile model directories: links, FIFOs, devices, and model.json fields of the wrong
 * type or size. Each is a FormatError (or NotFoundError for a missing file) naming the file and the
 * field, raised before anything large is read or allocated.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { scratchDir } from "../scratch-dir.js";
import * as bp from "../../src/index.js";

const root = scratchDir("bp-hostile-dir-");
const good = join(root, "good");
let json: Record<string, unknown> = {};

beforeAll(async () => {
  bp.setSeed(3);
  const model = bp.sequential([
    bp.layers.dense({ units: 4, activation: "relu", inputShape: [3] }),
    bp.layers.batchNormalization(),
    bp.layers.dense({ units: 2, activation: "softmax" }),
  ]);
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(bp.randn([8, 3], { seed: 1 }), bp.oneHot([0, 1, 0, 1, 0, 1, 0, 1], 2), {
    epochs: 1,
    verbose: 0,
  });
  await model.save(good);
  json = JSON.parse(readFileSync(join(good, "model.json"), "utf8")) as Record<string, unknown>;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit model.json freely
type Loose = Record<string, any>;

/** A copy of the good directory with model.json replaced by `edit(json)` and weights.bin by `weights`. */
function variant(
  name: string,
  edit: (j: Loose) => unknown,
  weights: "copy" | "none" | ((path: string) => void) = "copy",
): string {
  const d = join(root, name);
  mkdirSync(d);
  const j = structuredClone(json);
  writeFileSync(join(d, "model.json"), typeof edit === "function" ? JSON.stringify(edit(j) ?? j) : "");
  if (weights === "copy") copyFileSync(join(good, "weights.bin"), join(d, "weights.bin"));
  else if (weights !== "none") weights(join(d, "weights.bin"));
  return d;
}

const rejects = async (d: string, type: typeof bp.BackpropError, message: RegExp): Promise<void> => {
  const err = await bp.loadModel(d).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  expect((err as Error).message).toMatch(message);
};

describe("what loadModel reads", () => {
  test("weights.bin linked to /dev/zero: refused, nothing read", async () => {
    await rejects(
      variant(
        "zero",
        () => undefined,
        (p) => symlinkSync("/dev/zero", p),
      ),
      bp.FormatError,
      /weights\.bin .*links outside the model directory/,
    );
  });

  test("weights.bin linked to a file outside the directory: refused without naming its size", async () => {
    const outside = join(root, "outside.bin");
    writeFileSync(outside, new Uint8Array(12345));
    const d = variant(
      "passwd",
      () => undefined,
      (p) => symlinkSync(outside, p),
    );
    await rejects(d, bp.FormatError, /links outside the model directory/);
    await expect(bp.loadModel(d)).rejects.not.toThrow(/12345/);
  });

  test("weights.bin as a FIFO: refused at once instead of waiting for a writer", async () => {
    const d = variant(
      "fifo",
      () => undefined,
      (p) => spawnSync("mkfifo", [p]),
    );
    await rejects(d, bp.FormatError, /weights\.bin is not a regular file/);
  }, 10_000);

  test("weights.bin as a directory", async () => {
    await rejects(
      variant(
        "dir",
        () => undefined,
        (p) => mkdirSync(p),
      ),
      bp.FormatError,
      /weights\.bin is not a regular file/,
    );
  });

  test("a link that stays inside the directory is followed", async () => {
    const d = variant(
      "inner-link",
      () => undefined,
      (p) => {
        copyFileSync(join(good, "weights.bin"), join(p, "..", "real.bin"));
        symlinkSync("real.bin", p);
      },
    );
    const m = await bp.loadModel(d);
    expect(m.weights.length).toBeGreaterThan(0);
  });

  test("a missing weights.bin is a NotFoundError naming it", async () => {
    await rejects(
      variant("none", () => undefined, "none"),
      bp.NotFoundError,
      /weights\.bin/,
    );
  });

  test("a weights.bin longer than the manifest declares is refused before it is read", async () => {
    const d = variant(
      "long",
      () => undefined,
      (p) => writeFileSync(p, new Uint8Array(64 << 20)),
    );
    const before = process.memoryUsage().rss;
    await rejects(d, bp.FormatError, /weights\.bin has 67108864 bytes but model\.json says \d+/);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 << 20);
  });
});

describe("model.json is validated before any layer is built", () => {
  test("units 2^26: a FormatError at once, no 3.8 GB of initialisation", async () => {
    const d = variant("units", (j) => void (j.modelTopology.config.layers[0].config.units = 2 ** 26));
    const before = process.memoryUsage().rss;
    await rejects(
      d,
      bp.FormatError,
      /model\.json: .*dense.*kernel.*\[3,67108864\].*weights\.bin holds \[3,4\]/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200 << 20);
  });

  const fields: [string, (j: Loose) => unknown, RegExp][] = [
    [
      "a null manifest entry",
      (j) => void (j.weightsManifest.weights[1] = null),
      /weightsManifest\.weights\[1\] must be an object/,
    ],
    ['compileConfig: "x"', (j) => void (j.compileConfig = "x"), /compileConfig must be an object or null/],
    ["loss: 42", (j) => void (j.compileConfig.loss = 42), /compileConfig\.loss must be a loss name/],
    [
      "metrics: a string",
      (j) => void (j.compileConfig.metrics = "accuracy"),
      /compileConfig\.metrics must be an array of strings/,
    ],
    [
      "optimizer without config",
      (j) => void delete j.compileConfig.optimizer.config,
      /compileConfig\.optimizer must be \{ "className", "config" \}/,
    ],
    [
      "an unknown optimizer setting type",
      (j) => void (j.compileConfig.optimizer.config.learningRate = "fast"),
      /compileConfig\.optimizer/,
    ],
    [
      "optimizerState.iterations: -1",
      (j) => void (j.optimizerState.iterations = -1),
      /optimizerState\.iterations must be a non-negative integer/,
    ],
    [
      "training.epoch: 1.5",
      (j) => void (j.training.epoch = 1.5),
      /training\.epoch must be a non-negative integer/,
    ],
    ["buildInputShape: [null, -3]", (j) => void (j.buildInputShape = [null, -3]), /buildInputShape must be/],
    [
      "a layer's config: units '4'",
      (j) => void (j.modelTopology.config.layers[0].config.units = "4"),
      /modelTopology layer 0 \(Dense\).*units must be a positive integer/,
    ],
    [
      "a layer's activation: {}",
      (j) => void (j.modelTopology.config.layers[0].config.activation = {}),
      /modelTopology layer 0 \(Dense\)/,
    ],
    [
      "a weight's shape: [1e12]",
      (j) => void (j.weightsManifest.weights[0].shape = [1e12]),
      /weightsManifest\.weights\[0\]\.shape/,
    ],
    [
      "a weight's dtype: 'int8'",
      (j) => void (j.weightsManifest.weights[0].dtype = "int8"),
      /weightsManifest\.weights\[0\]\.dtype must be one of/,
    ],
    [
      "a weight's offset: -4",
      (j) => void (j.weightsManifest.weights[0].offset = -4),
      /weightsManifest\.weights\[0\]\.offset/,
    ],
    [
      "a weight's group: 'x'",
      (j) => void (j.weightsManifest.weights[0].group = "x"),
      /weightsManifest\.weights\[0\]\.group must be "model" or "optimizer"/,
    ],
    [
      "two weights with the same name",
      (j) => void (j.weightsManifest.weights[1].name = j.weightsManifest.weights[0].name),
      /weightsManifest\.weights\[1\]\.name .* appears twice/,
    ],
    [
      "weightsManifest.byteLength: 1e300",
      (j) => void (j.weightsManifest.byteLength = 1e300),
      /weightsManifest\.byteLength must be/,
    ],
    [
      "weightsManifest.file: '..'",
      (j) => void (j.weightsManifest.file = ".."),
      /weightsManifest\.file must be a plain file name/,
    ],
    [
      "modelTopology.config.name: 7",
      (j) => void (j.modelTopology.config.name = 7),
      /modelTopology\.config\.name must be a string/,
    ],
  ];
  test.each(fields)("%s: a FormatError naming model.json and the field", async (name, edit, message) => {
    const d = variant(`field-${name.replace(/\W+/g, "-")}`, edit);
    await rejects(d, bp.FormatError, message);
    await expect(bp.loadModel(d)).rejects.toThrow(/model\.json/);
  });
});
