/**
 * Fuzzing saved models: 1,000 mutations (fixed seed) of a saved model.json + weights.bin — deleted
 * fields, swapped types, extreme numbers, damaged bytes, links, FIFOs and missing files. Each either
 * loads (and then predicts) or throws a BackpropError.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "vitest";
import { scratchDir } from "../scratch-dir.js";
import * as bp from "../../src/index.js";
import { checkFuzz, mutateBytes, mutateJson, rng } from "./fuzz.js";

const CASES = 1000;
const root = scratchDir("bp-fuzz-model-");

const SPECIAL: [string, (dir: string) => void][] = [
  ["weights.bin -> /dev/zero", (d) => symlinkSync("/dev/zero", join(d, "weights.bin"))],
  [
    "weights.bin -> a file outside",
    (d) => symlinkSync(join(root, "good", "weights.bin"), join(d, "weights.bin")),
  ],
  ["weights.bin -> model.json", (d) => symlinkSync("model.json", join(d, "weights.bin"))],
  ["weights.bin -> itself", (d) => symlinkSync("weights.bin", join(d, "weights.bin"))],
  ["weights.bin -> nowhere", (d) => symlinkSync("absent.bin", join(d, "weights.bin"))],
  ["weights.bin is a FIFO", (d) => void spawnSync("mkfifo", [join(d, "weights.bin")])],
  ["weights.bin is a directory", (d) => mkdirSync(join(d, "weights.bin"))],
  ["weights.bin is missing", () => undefined],
  [
    "model.json -> /dev/zero",
    (d) => (rmSync(join(d, "model.json")), symlinkSync("/dev/zero", join(d, "model.json"))),
  ],
  [
    "model.json is a FIFO",
    (d) => (rmSync(join(d, "model.json")), spawnSync("mkfifo", [join(d, "model.json")])),
  ],
];

async function* cases(text: string, weights: Uint8Array): AsyncGenerator<[string, () => Promise<unknown>]> {
  const r = rng(20240611);
  for (let i = 0; i < CASES; i++) {
    const dir = join(root, `c${i}`);
    mkdirSync(dir);
    const kind = r.next();
    let what: string;
    let json = text;
    let bin: Uint8Array | undefined = weights;
    if (kind < 0.6) {
      const tree = JSON.parse(text) as unknown;
      const n = 1 + r.int(3);
      what = Array.from({ length: n }, () => mutateJson(tree, r)).join(", ");
      json = JSON.stringify(tree);
    } else if (kind < 0.75) {
      const m = mutateBytes(new TextEncoder().encode(text), r);
      what = `model.json ${m.what}`;
      json = new TextDecoder().decode(m.bytes);
    } else if (kind < 0.9) {
      const m = mutateBytes(weights, r);
      what = `weights.bin ${m.what}`;
      bin = m.bytes;
    } else {
      const [name, make] = r.pick(SPECIAL);
      what = name;
      bin = undefined;
      writeFileSync(join(dir, "model.json"), json);
      make(dir);
    }
    if (bin) {
      writeFileSync(join(dir, "model.json"), json);
      writeFileSync(join(dir, "weights.bin"), bin);
    }
    yield [
      `#${i} ${what}`,
      async () => {
        const model = await bp.loadModel(dir);
        const shape = (model.inputShape ?? [null, 3]).map((d) => d ?? 1);
        if (shape.reduce((a, b) => a * b, 1) <= 1e6) bp.tidy(() => model.predict(bp.zeros(shape)).dataSync());
      },
    ];
  }
}

test("1,000 mutations of a saved model: each loads or throws a BackpropError", async () => {
  bp.setSeed(5);
  const model = bp.sequential([
    bp.layers.dense({ units: 4, activation: "relu", inputShape: [3] }),
    bp.layers.batchNormalization(),
    bp.layers.dropout({ rate: 0.1 }),
    bp.layers.dense({ units: 2, activation: "softmax" }),
  ]);
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(bp.randn([8, 3], { seed: 1 }), bp.oneHot([0, 1, 0, 1, 0, 1, 0, 1], 2), {
    epochs: 1,
    verbose: 0,
  });
  await model.save(join(root, "good"));
  const text = readFileSync(join(root, "good", "model.json"), "utf8");
  const weights = new Uint8Array(readFileSync(join(root, "good", "weights.bin")));
  copyFileSync(join(root, "good", "weights.bin"), join(root, "outside.bin"));

  await checkFuzz("model", CASES, cases(text, weights));
}, 120_000);
