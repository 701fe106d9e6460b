import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import type { FsLike } from "../../src/model/io-node.js";
import { saveModel } from "../../src/model/save.js";
import { arrays, classification, mlp } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "bp-save-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (name: string) => join(root, name);

const trained = async (epochs: number, optimizer: () => bp.optimizers.Optimizer = () => bp.optimizers.adam({ learningRate: 0.01 })) => {
  bp.setSeed(1);
  const model = bp.sequential([
    bp.layers.dense({ units: 8, activation: "relu", inputShape: [3], kernelRegularizer: bp.regularizers.l2({ l2: 1e-3 }) }),
    bp.layers.dropout({ rate: 0.0 }),
    bp.layers.dense({ units: 3, activation: "softmax" }),
  ]);
  model.compile({ optimizer: optimizer(), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const { x, y } = classification(40, 3, 3);
  const h = await model.fit(x, y, { epochs, batchSize: 8, seed: 7, verbose: 0 });
  return { model, x, y, h };
};

describe("save / loadModel", () => {
  test("a loaded model predicts bit-identically and keeps its compile settings", async () => {
    const { model, x, y } = await trained(2);
    await model.save(dir("m1"));
    expect(readdirSync(dir("m1")).sort()).toEqual(["model.json", "weights.bin"]);
    const loaded = await bp.loadModel(dir("m1"));
    expect([...loaded.predict(x).dataSync()]).toEqual([...model.predict(x).dataSync()]);
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(loaded.summary()).toBe(model.summary());
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
    expect(loaded.trainingEpoch).toBe(2);
  });

  test("model.json: format version, topology, compile config, optimizer state, epoch, weights manifest", async () => {
    const { model } = await trained(1);
    await model.save(dir("m2"));
    const json = JSON.parse(readFileSync(join(dir("m2"), "model.json"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(json.format).toBe("backprop-model");
    expect(json.formatVersion).toBe(bp.MODEL_FORMAT_VERSION);
    expect(json.modelTopology.config.layers.map((l: { className: string }) => l.className)).toEqual(["Dense", "Dropout", "Dense"]);
    expect(json.buildInputShape).toEqual([null, 3]);
    expect(json.compileConfig.optimizer.className).toBe("Adam");
    expect(json.compileConfig.loss).toBe("categoricalCrossentropy");
    expect(json.compileConfig.metrics).toEqual(["accuracy"]);
    expect(json.optimizerState.iterations).toBe(5);
    expect(json.training.epoch).toBe(1);
    const ws = json.weightsManifest.weights as { name: string; group: string; offset: number; byteLength: number; dtype: string }[];
    const modelWs = ws.filter((w) => w.group === "model");
    expect(modelWs.map((w) => w.name)).toEqual(model.weights.map((w) => w.name));
    expect(ws.some((w) => w.group === "optimizer")).toBe(true);
    expect(ws.every((w, i) => i === 0 || w.offset === ws[i - 1]!.offset + ws[i - 1]!.byteLength)).toBe(true);
    expect(readFileSync(join(dir("m2"), "weights.bin")).length).toBe(json.weightsManifest.byteLength);
  });

  test("a version-1 file's gelu (the tanh form then) loads as geluApproximate; a version-2 gelu is exact", async () => {
    bp.setSeed(3);
    const model = bp.sequential([
      bp.layers.lstm({ units: 3, activation: "gelu", recurrentActivation: "gelu", inputShape: [2, 3] }),
      bp.layers.dense({ units: 6, activation: "gelu" }),
    ]);
    const x = bp.randn([4, 2, 3]).mul(2);
    await model.save(dir("gelu-v2"));
    const v2 = await bp.loadModel(dir("gelu-v2"));
    const v2Prediction = [...v2.predict(x).dataSync()];
    expect(v2Prediction).toEqual([...model.predict(x).dataSync()]);
    const json = JSON.parse(readFileSync(join(dir("gelu-v2"), "model.json"), "utf8")) as { formatVersion: number; modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
    expect(json.formatVersion).toBe(2);
    await fs.cp(dir("gelu-v2"), dir("gelu-v1"), { recursive: true });
    writeFileSync(join(dir("gelu-v1"), "model.json"), JSON.stringify({ ...json, formatVersion: 1 }));
    const v1 = await bp.loadModel(dir("gelu-v1"));
    const configs = v1.layers.map((l) => l.getConfig() as Record<string, unknown>);
    expect([configs[0]!.activation, configs[0]!.recurrentActivation]).toEqual(["geluApproximate", "geluApproximate"]);
    expect(configs[1]!.activation).toBe("geluApproximate");
    const approximate = bp.sequential([
      bp.layers.lstm({ units: 3, activation: "geluApproximate", recurrentActivation: "geluApproximate", inputShape: [2, 3] }),
      bp.layers.dense({ units: 6, activation: "geluApproximate" }),
    ]);
    approximate.setWeights(model.getWeights());
    const v1Prediction = [...v1.predict(x).dataSync()];
    expect(v1Prediction).toEqual([...approximate.predict(x).dataSync()]);
    expect(v1Prediction).not.toEqual(v2Prediction);
  });

  test.each([
    ["adam", () => bp.optimizers.adam({ learningRate: 0.01 })],
    ["sgd with momentum", () => bp.optimizers.sgd({ learningRate: 0.05, momentum: 0.9 })],
    ["rmsprop", () => bp.optimizers.rmsprop({ learningRate: 0.01 })],
  ])("resume with %s: 2 epochs + save + load + 1 epoch == 3 epochs, bit-identical", async (_name, optimizer) => {
    const straight = await trained(3, optimizer);
    const first = await trained(2, optimizer);
    await first.model.save(dir("resume"));
    const loaded = await bp.loadModel(dir("resume"));
    const h = await loaded.fit(first.x, first.y, { epochs: 3, initialEpoch: loaded.trainingEpoch, batchSize: 8, seed: 7, verbose: 0 });
    expect(arrays(loaded.getWeights())).toEqual(arrays(straight.model.getWeights()));
    expect(h.history.loss).toEqual([straight.h.history.loss![2]]);
  });

  test("a loss with options (fromLogits) is saved with its options and restored", async () => {
    bp.setSeed(2);
    const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [3] })]);
    const loss = bp.losses.withOptions("categoricalCrossentropy", { fromLogits: true });
    model.compile({ optimizer: "sgd", loss, metrics: ["accuracy"] });
    const { x, y } = classification(12, 3, 3);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    await model.save(dir("logits"));
    const json = JSON.parse(readFileSync(join(dir("logits"), "model.json"), "utf8"));
    expect(json.compileConfig.loss).toEqual({ name: "categoricalCrossentropy", options: { fromLogits: true } });
    const loaded = await bp.loadModel(dir("logits"));
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
  });

  test("an uncompiled model saves and loads uncompiled", async () => {
    const model = mlp([3, 4, 2]);
    await model.save(dir("plain"));
    const loaded = await bp.loadModel(dir("plain"));
    expect(arrays(loaded.getWeights())).toEqual(arrays(model.getWeights()));
    expect(() => loaded.evaluate(bp.zeros([1, 3]), bp.zeros([1, 2]))).toThrow(/not compiled/);
    const noCompile = await bp.loadModel(dir("m1"), { compile: false });
    expect(noCompile.optimizer).toBeUndefined();
  });

  describe("damaged files: FormatError naming the problem", () => {
    const copy = async (name: string) => {
      const { model } = await trained(1);
      await model.save(dir(name));
      return dir(name);
    };

    test("truncated weights.bin", async () => {
      const d = await copy("trunc");
      const bytes = readFileSync(join(d, "weights.bin"));
      writeFileSync(join(d, "weights.bin"), bytes.subarray(0, bytes.length - 7));
      await expect(bp.loadModel(d)).rejects.toThrow(bp.FormatError);
      await expect(bp.loadModel(d)).rejects.toThrow(/truncated/);
    });

    test("corrupted weights.bin", async () => {
      const d = await copy("corrupt");
      const bytes = readFileSync(join(d, "weights.bin"));
      bytes[10]! ^= 0xff;
      writeFileSync(join(d, "weights.bin"), bytes);
      await expect(bp.loadModel(d)).rejects.toThrow(/weights.bin is corrupted: CRC-32/);
    });

    test("model.json from a newer format version", async () => {
      const d = await copy("newer");
      const json = JSON.parse(readFileSync(join(d, "model.json"), "utf8")) as Record<string, unknown>;
      writeFileSync(join(d, "model.json"), JSON.stringify({ ...json, formatVersion: bp.MODEL_FORMAT_VERSION + 1 }));
      await expect(bp.loadModel(d)).rejects.toThrow(bp.FormatError);
      await expect(bp.loadModel(d)).rejects.toThrow(/format version 3 is newer than this backprop reads \(up to 2\)/);
    });

    test("model.json that is not JSON, or not a model, or names an unknown layer", async () => {
      const d = await copy("garbage");
      const good = readFileSync(join(d, "model.json"), "utf8");
      writeFileSync(join(d, "model.json"), good.slice(0, 100));
      await expect(bp.loadModel(d)).rejects.toThrow(/not valid JSON/);
      writeFileSync(join(d, "model.json"), "{}");
      await expect(bp.loadModel(d)).rejects.toThrow(/not a backprop model/);
      writeFileSync(join(d, "model.json"), good.replace('"Dropout"', '"Dropoutt"'));
      await expect(bp.loadModel(d)).rejects.toThrow(bp.NotFoundError);
    });

    test("a missing directory", async () => {
      await expect(bp.loadModel(dir("missing"))).rejects.toThrow(/no saved model/);
    });
  });

  test("a failure mid-save leaves the previous model loadable and no partial files", async () => {
    const { model, x } = await trained(1);
    await model.save(dir("safe"));
    const before = [...model.predict(x).dataSync()];
    await model.fit(x, bp.oneHot(Array(40).fill(0), 3), { epochs: 1, verbose: 0 });
    const failing: FsLike = {
      ...fs,
      open: (async (p: string, flags: string) => {
        if (String(p).endsWith("model.json")) throw new Error("EIO: simulated crash while writing model.json");
        return fs.open(p, flags);
      }) as FsLike["open"],
    };
    await expect(saveModel(model, dir("safe"), failing)).rejects.toThrow(/simulated crash/);
    const loaded = await bp.loadModel(dir("safe"));
    expect([...loaded.predict(x).dataSync()]).toEqual(before);
    expect(readdirSync(root).filter((n) => n.startsWith("."))).toEqual([]);
  });

  test("modelCheckpoint saves loadable models during fit", async () => {
    const { model, x, y } = await trained(0);
    const ckpt = bp.callbacks.modelCheckpoint({ filepath: join(root, "ckpt", "e{epoch}"), monitor: "loss", saveBestOnly: true });
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [ckpt] });
    expect(ckpt.saved).toEqual([join(root, "ckpt", "e1"), join(root, "ckpt", "e2")]);
    const last = await bp.loadModel(ckpt.saved[1]!);
    expect([...last.predict(x).dataSync()]).toEqual([...model.predict(x).dataSync()]);
  });
});
