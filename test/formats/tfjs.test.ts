/**
 * TensorFlow.js layers format, both ways, checked with @tensorflow/tfjs itself: our files load with
 * tf.loadLayersModel and predict the same; files tfjs writes (trainable weights first, then the moving
 * statistics; sharded here at odd offsets; wrapped in model_config) load into backprop.
 */
import * as tf from "@tensorflow/tfjs";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { inputFor, maxDiff, zoo } from "./zoo.js";

const dir = mkdtempSync(join(tmpdir(), "bp-tfjs-"));
beforeAll(async () => {
  await tf.setBackend("cpu");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tf.loadLayersModel on a directory written by backprop. */
async function tfLoad(d: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(d, "model.json"), "utf8")) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const bins = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(d, p))));
  const all = Buffer.concat(bins);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }));
}

/** Saves a tfjs model the way tfjs writes it, cut into `shards` files at odd offsets, optionally wrapped in model_config. */
async function tfSave(model: tf.LayersModel, d: string, shards: number, wrap: boolean): Promise<void> {
  let art: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } })));
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(art!.weightData!));
  mkdirSync(d, { recursive: true });
  const cut = Array.from({ length: shards - 1 }, (_, i) => Math.floor(((i + 1) * data.length) / shards) + 1).filter((c) => c < data.length);
  const bounds = [0, ...cut, data.length];
  const paths = bounds.slice(1).map((_, i) => `group1-shard${i + 1}of${bounds.length - 1}.bin`);
  paths.forEach((p, i) => writeFileSync(join(d, p), data.subarray(bounds[i], bounds[i + 1])));
  const topology = wrap ? { model_config: art!.modelTopology, training_config: null } : art!.modelTopology;
  writeFileSync(join(d, "model.json"), JSON.stringify({ format: "layers-model", generatedBy: "TensorFlow.js", modelTopology: topology, weightsManifest: [{ paths, weights: art!.weightSpecs }] }));
}

describe("TensorFlow.js layers format", () => {
  for (const m of zoo()) {
    test(`${m.name}: backprop → tfjs → backprop, and tfjs → backprop → tfjs`, async () => {
      const x = inputFor(m.input, 6, m.int);
      const want = m.model.predict(x);
      const d = join(dir, m.name);
      if (!m.tfjs) {
        await expect(m.model.save(d, { format: "tfjs" })).rejects.toThrow(bp.FormatError);
        return;
      }
      await m.model.save(d, { format: "tfjs" });
      const theirs = await tfLoad(d);
      const xt = tf.tensor(Array.from(x.dataSync()), [...x.shape], m.int ? "int32" : "float32");
      const tfOut = theirs.predict(xt) as tf.Tensor;
      expect(maxDiff(bp.tensor(await tfOut.data() as Float32Array, tfOut.shape), want)).toBeLessThanOrEqual(1e-5);

      const back = await bp.loadModel(d);
      expect(maxDiff(back.predict(x), want)).toBe(0);

      // tfjs writes it (its own order and names), sharded, wrapped: backprop reads it and writes it back for tfjs
      const d2 = join(dir, `${m.name}-from-tfjs`);
      await tfSave(theirs, d2, 3, m.name === "cnn");
      const fromTf = await bp.loadModel(d2);
      expect(maxDiff(fromTf.predict(x), want)).toBeLessThanOrEqual(1e-6);
      const d3 = join(dir, `${m.name}-again`);
      await fromTf.save(d3, { format: "tfjs" });
      const again = (await tfLoad(d3)).predict(xt) as tf.Tensor;
      expect(maxDiff(bp.tensor(await again.data() as Float32Array, again.shape), bp.tensor(await tfOut.data() as Float32Array, tfOut.shape))).toBe(0);
      // loadWeights by name into the same architecture
      const fresh = await bp.loadModel(d);
      fresh.setWeights(fresh.weights.map((w) => bp.zerosLike(w)));
      await bp.loadWeights(fresh, d2);
      expect(maxDiff(fresh.predict(x), want)).toBeLessThanOrEqual(1e-6);
    }, 60_000);
  }

  test("hard_sigmoid from a TensorFlow.js file keeps TensorFlow.js's meaning, clip(0.2x + 0.5)", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: "hardSigmoid", kernelInitializer: "ones" })] });
    const d = join(dir, "hard");
    await tfSave(model, d, 1, false);
    const ours = await bp.loadModel(d);
    const x = [[1, 1], [-4, 0.5], [3, 3]];
    const theirs = await (model.predict(tf.tensor(x)) as tf.Tensor).data();
    expect(maxDiff(ours.predict(bp.tensor(x)), bp.tensor(Array.from(theirs), [3, 3]))).toBeLessThan(1e-6);
    expect(ours.predict(bp.tensor([[1, 0]])).dataSync()[0]).toBeCloseTo(0.7, 6);
  });

  test("bad TensorFlow.js files are FormatErrors naming the file and the problem", async () => {
    const good = zoo()[0]!.model;
    const d = join(dir, "bad");
    await good.save(d, { format: "tfjs" });
    const json = JSON.parse(readFileSync(join(d, "model.json"), "utf8")) as { modelTopology: { config: { layers: { class_name: string }[] } }; weightsManifest: { paths: string[]; weights: { name: string; dtype: string; shape: number[] }[] }[] };
    const bin = readFileSync(join(d, "weights.bin"));
    const write = (name: string, j: unknown, b: Uint8Array = bin) => {
      const p = join(dir, name);
      mkdirSync(p, { recursive: true });
      writeFileSync(join(p, "model.json"), JSON.stringify(j));
      writeFileSync(join(p, "weights.bin"), b);
      return p;
    };
    const clone = () => JSON.parse(JSON.stringify(json)) as typeof json;
    await expect(bp.loadModel(write("cut", json, bin.subarray(0, bin.length - 3)))).rejects.toThrow(/cut\/model.json.*truncated/);
    const unknown = clone();
    unknown.modelTopology.config.layers[1]!.class_name = "Attention";
    await expect(bp.loadModel(write("unknown", unknown))).rejects.toThrow(/unknown layer class "Attention"/);
    const dtype = clone();
    dtype.weightsManifest[0]!.weights[0]!.dtype = "int32";
    await expect(bp.loadModel(write("dtype", dtype))).rejects.toThrow(/dtype "int32"/);
    const shape = clone();
    const w0 = shape.weightsManifest[0]!.weights[0]!;
    w0.shape = [w0.shape[1]!, w0.shape[0]!];
    await expect(bp.loadModel(write("shape", shape))).rejects.toThrow(/stored as/);
    const dup = clone();
    dup.weightsManifest[0]!.weights[1]!.name = dup.weightsManifest[0]!.weights[0]!.name;
    await expect(bp.loadModel(write("dup", dup))).rejects.toThrow(/appears twice|needs/);
    const escape = clone();
    escape.weightsManifest[0]!.paths = ["../../etc/passwd"];
    await expect(bp.loadModel(write("escape", escape))).rejects.toThrow(/relative path inside/);
    for (const e of ["cut", "unknown", "dtype", "shape", "dup", "escape"]) await expect(bp.loadModel(join(dir, e))).rejects.toThrow(bp.FormatError);
  });

  test("a GRU with resetAfter (which TensorFlow.js lacks) is refused before anything is written", async () => {
    const m = zoo().find((z) => z.name === "gru-reset-after")!.model;
    await expect(m.save(join(dir, "no-gru"), { format: "tfjs" })).rejects.toThrow(/reset_after/);
  });

  test("initializers keep their TensorFlow.js class names (LeCunNormal, LeCunUniform), so tf.loadLayersModel builds the same ones", async () => {
    const m = bp.sequential([
      bp.layers.dense({ units: 3, inputShape: [2], kernelInitializer: "lecunUniform" }),
      bp.layers.dense({ units: 1, kernelInitializer: "lecunNormal", biasInitializer: "heNormal" }),
    ]);
    await m.save(join(dir, "inits"), { format: "tfjs" });
    const json = JSON.parse(readFileSync(join(dir, "inits", "model.json"), "utf8")) as { modelTopology: { model_config?: unknown; config?: unknown } };
    const text = JSON.stringify(json);
    const names = [...text.matchAll(/"(kernel|bias)_initializer":\{"class_name":"(\w+)"/g)].map((r) => `${r[1]}:${r[2]}`);
    expect(names).toEqual(["kernel:LeCunUniform", "bias:Zeros", "kernel:LeCunNormal", "bias:HeNormal"]);
    const back = await tf.loadLayersModel(tf.io.fromMemory(JSON.parse(readFileSync(join(dir, "inits", "model.json"), "utf8")).modelTopology));
    // TensorFlow.js serializes its LeCunUniform as the VarianceScaling it is
    expect(back.layers[0]!.getConfig().kernelInitializer).toMatchObject({ className: "VarianceScaling", config: { scale: 1, mode: "fanIn", distribution: "uniform" } });
  });
});
