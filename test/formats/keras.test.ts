/**
 * Keras 3 .keras and .weights.h5 round trips. No Keras installs here (PyPI is unreachable, Debian has none);
 * the layout (config.json as serialize_keras_object writes it, weights at layers/<snake_case class>[_k]/vars/<i>
 * with a per-class counter, recurrent layers also under .../cell/vars) is checked against real files written
 * by Keras 3 in keras-layout.test.ts and keras-real.test.ts. h5py (python3-h5py) reads our files here and
 * writes a file in that layout for us.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { kerasVarPaths, parseKerasConfig } from "../../src/formats/keras.js";
import { inputFor, maxDiff, zoo } from "./zoo.js";
import { pythonMissing, runPython } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bp-keras-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const models = zoo();

describe("Keras 3", () => {
  test("variable paths follow Keras's per-class counter", () => {
    expect(kerasVarPaths(["Conv2D", "MaxPooling2D", "Conv2D", "BatchNormalization", "Dense", "LSTM", "SimpleRNN", "Dense"])).toEqual([
      "layers/conv2d/vars", "layers/max_pooling2d/vars", "layers/conv2d_1/vars", "layers/batch_normalization/vars", "layers/dense/vars",
      "layers/lstm/cell/vars", "layers/simple_rnn/cell/vars", "layers/dense_1/vars",
    ]);
  });

  test("activations keep Keras 3's meaning: its hard_sigmoid is refused, gelu (exact) and leaky_relu (slope 0.2) read", () => {
    const cfg = (activation: string) => JSON.stringify({ class_name: "Sequential", config: { layers: [
      { class_name: "InputLayer", config: { batch_shape: [null, 2] } },
      { module: "keras.layers", class_name: "Dense", config: { name: "d", units: 1, activation } },
    ] } });
    expect(() => parseKerasConfig(cfg("hard_sigmoid"), "m.keras")).toThrow(/hard_sigmoid.*Keras 3's meaning/);
    expect(parseKerasConfig(cfg("gelu"), "m.keras").layers[0]!.config.activation).toBe("gelu");
    expect(parseKerasConfig(cfg("leaky_relu"), "m.keras").layers[0]!.config.activation).toBe("leakyRelu");
    expect(() => parseKerasConfig(cfg("relu").replace('"keras.layers"', '"evil.layers"'), "m.keras")).toThrow(/module "evil.layers"/);
  });

  for (const m of models) {
    test(`${m.name}: .keras and .weights.h5 round trips`, async () => {
      const p = join(dir, `${m.name}.keras`);
      if (!m.keras) {
        await expect(m.model.save(p)).rejects.toThrow(/Keras 3/);
        return;
      }
      const x = inputFor(m.input, 5, m.int);
      const want = m.model.predict(x);
      await m.model.save(p);
      const entries = Object.keys(unzipSync(readFileSync(p))).sort();
      expect(entries).toEqual(["config.json", "metadata.json", "model.weights.h5"]);
      const back = await bp.loadModel(p);
      expect(maxDiff(back.predict(x), want)).toBe(0);
      const again = join(dir, `${m.name}-again.keras`);
      await back.save(again);
      const cfg = (f: string) => new TextDecoder().decode(unzipSync(readFileSync(f))["config.json"]);
      expect(cfg(again)).toBe(cfg(p));
      const w = join(dir, `${m.name}.weights.h5`);
      await m.model.save(w);
      back.setWeights(back.weights.map((v) => bp.zerosLike(v)));
      await bp.loadWeights(back, w);
      expect(maxDiff(back.predict(x), want)).toBe(0);
      const expected = Object.fromEntries(m.model.layers.map((l, i) => [kerasVarPaths(m.model.layers.map((k) => (k.constructor as unknown as { className: string }).className))[i]!, l.getWeights().map((t) => [...t.dataSync()])]));
      writeFileSync(join(dir, `${m.name}.expected.json`), JSON.stringify(expected));
    });
  }

  test("h5py reads every variable of our .weights.h5 at its Keras path; h5py-written Keras files load into backprop", async () => {
    if (pythonMissing(["h5py", "numpy"])) return;
    const names = models.filter((m) => m.keras).map((m) => m.name);
    const out = JSON.parse(runPython(H5PY, [dir, ...names])) as Record<string, number>;
    expect(Object.keys(out).sort()).toEqual([...names].sort());
    for (const [n, d] of Object.entries(out)) expect(d, n).toBe(0);
    // a .keras file written with h5py + zip in Keras 3's layout (the "other" direction)
    const model = await bp.loadModel(join(dir, "from-h5py.keras"));
    expect(model.layers.map((l) => (l.constructor as unknown as { className: string }).className)).toEqual(["Conv2D", "MaxPooling2D", "Flatten", "Dense"]);
    const x = bp.ones([1, 4, 4, 1]);
    // conv kernel all 0.5 (2x2, 1→2 filters, bias 0.1), relu; maxpool 2 → [1,1,1,2] … dense kernel ones, bias 0 → sum
    const y = model.predict(x).dataSync();
    expect(Array.from(y)).toEqual([2 * (4 * 0.5 + 0.1), 2 * (4 * 0.5 + 0.1)].map((v) => Math.fround(v)));
    const w = join(dir, "from-h5py-again.keras");
    await model.save(w);
    expect(maxDiff((await bp.loadModel(w)).predict(x), model.predict(x))).toBe(0);
  }, 60_000);

  test("bad .keras files are FormatErrors naming the file and the problem", async () => {
    const good = readFileSync(join(dir, "cnn.keras"));
    const files = unzipSync(good);
    const write = (name: string, data: Uint8Array) => (writeFileSync(join(dir, name), data), join(dir, name));
    await expect(bp.loadModel(write("cut.keras", good.subarray(0, good.length - 100)))).rejects.toThrow(/cut.keras/);
    await expect(bp.loadModel(write("escape.keras", zipSync({ ...files, "../../evil.sh": strToU8("x") }, { level: 0 })))).rejects.toThrow(/outside the archive/);
    await expect(bp.loadModel(write("newer.keras", zipSync({ ...files, "metadata.json": strToU8('{"keras_version": "4.1.0"}') }, { level: 0 })))).rejects.toThrow(/newer/);
    const cfg = JSON.parse(new TextDecoder().decode(files["config.json"])) as { config: { layers: { class_name: string; module?: string }[] } };
    cfg.config.layers[1]!.class_name = "DepthwiseConv2D";
    await expect(bp.loadModel(write("unknown.keras", zipSync({ ...files, "config.json": strToU8(JSON.stringify(cfg)) }, { level: 0 })))).rejects.toThrow(/unknown layer class "DepthwiseConv2D"/);
    const { ["model.weights.h5"]: _h5, ...noWeights } = files;
    await expect(bp.loadModel(write("noweights.keras", zipSync(noWeights, { level: 0 })))).rejects.toThrow(/no model.weights.h5/);
    const other = readFileSync(join(dir, "reshape.weights.h5"));
    await expect(bp.loadModel(write("mismatch.keras", zipSync({ ...files, "model.weights.h5": other }, { level: 0 })))).rejects.toThrow(bp.FormatError);
    for (const f of ["cut", "escape", "newer", "unknown", "noweights", "mismatch"]) await expect(bp.loadModel(join(dir, `${f}.keras`))).rejects.toThrow(bp.FormatError);
  });
});

/** Checks our .weights.h5 files with h5py, then writes a .keras file in Keras 3's layout with h5py + zipfile. */
const H5PY = String.raw`
import json, sys, zipfile, h5py, numpy as np
d = sys.argv[1]
res = {}
for name in sys.argv[2:]:
    exp = json.load(open(f"{d}/{name}.expected.json"))
    worst = 0.0
    with h5py.File(f"{d}/{name}.weights.h5", "r") as f:
        for path, values in exp.items():
            g = f[path]
            assert sorted(g.keys(), key=int) == [str(i) for i in range(len(values))], (path, list(g.keys()))
            for i, v in enumerate(values):
                a = g[str(i)][()]
                assert a.dtype == np.float32, a.dtype
                worst = max(worst, float(np.abs(a.reshape(-1) - np.array(v, dtype=np.float32)).max()) if len(v) else 0.0)
    res[name] = worst
config = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": True,
  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
  "layers": [
    {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 4, 4, 1], "dtype": "float32", "sparse": False, "name": "input_layer"}, "registered_name": None},
    {"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "trainable": True, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}, "filters": 2, "kernel_size": [2, 2], "strides": [2, 2], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": True, "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None}, "registered_name": None}, "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": None}, "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}, "registered_name": None, "build_config": {"input_shape": [None, 4, 4, 1]}},
    {"module": "keras.layers", "class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "trainable": True, "dtype": "float32", "pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}, "registered_name": None, "build_config": {"input_shape": [None, 2, 2, 2]}},
    {"module": "keras.layers", "class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32", "data_format": "channels_last"}, "registered_name": None, "build_config": {"input_shape": [None, 1, 1, 2]}},
    {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "trainable": True, "dtype": "float32", "units": 2, "activation": "linear", "use_bias": True}, "registered_name": None, "build_config": {"input_shape": [None, 2]}}],
  "build_input_shape": [None, 4, 4, 1]}, "registered_name": None, "build_config": {"input_shape": [None, 4, 4, 1]}, "compile_config": None}
with h5py.File(f"{d}/h5py.weights.h5", "w") as f:
    f.create_group("vars")
    f.create_dataset("layers/conv2d/vars/0", data=np.full((2, 2, 1, 2), 0.5, np.float32))
    f.create_dataset("layers/conv2d/vars/1", data=np.full((2,), 0.1, np.float32))
    f.create_group("layers/max_pooling2d/vars")
    f.create_group("layers/flatten/vars")
    f.create_dataset("layers/dense/vars/0", data=np.ones((2, 2), np.float32))
    f.create_dataset("layers/dense/vars/1", data=np.zeros((2,), np.float32))
with zipfile.ZipFile(f"{d}/from-h5py.keras", "w") as z:
    z.writestr("metadata.json", json.dumps({"keras_version": "3.5.0", "date_saved": "2024-01-01@00:00:00"}))
    z.writestr("config.json", json.dumps(config))
    z.write(f"{d}/h5py.weights.h5", "model.weights.h5")
print(json.dumps(res))
`;
