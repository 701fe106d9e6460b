/**
 * The .keras layout backprop writes, held against what Keras 3 itself writes. The expected key lists and
 * HDF5 groups below are those of .keras files written by Keras 3.1.1–3.15.0 (listed in
 * test/fixtures/keras/README.md), where Keras 3.5.0 (the version backprop's files name) wrote them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import h5wasm from "h5wasm/node";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { pythonMissing, runPython } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bp-keras-layout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const L = bp.layers;

const RNN =
  "return_sequences return_state go_backwards stateful unroll zero_output_for_mask units activation";
const RNN_TAIL =
  "kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer kernel_constraint recurrent_constraint bias_constraint dropout recurrent_dropout";
/** config keys per class in real Keras 3 files (name, trainable, dtype first). */
const KEYS: Record<string, string> = {
  Dense:
    "units activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer kernel_constraint bias_constraint",
  Conv2D:
    "filters kernel_size strides padding data_format dilation_rate groups activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer activity_regularizer kernel_constraint bias_constraint",
  MaxPooling2D: "pool_size padding strides data_format",
  Flatten: "data_format",
  Dropout: "rate seed noise_shape",
  BatchNormalization:
    "axis momentum epsilon center scale beta_initializer gamma_initializer moving_mean_initializer moving_variance_initializer beta_regularizer gamma_regularizer beta_constraint gamma_constraint synchronized",
  LSTM: `${RNN} recurrent_activation use_bias kernel_initializer recurrent_initializer bias_initializer unit_forget_bias ${RNN_TAIL} seed`,
  GRU: `${RNN} recurrent_activation use_bias kernel_initializer recurrent_initializer bias_initializer ${RNN_TAIL} reset_after seed`,
  SimpleRNN: `${RNN} use_bias kernel_initializer recurrent_initializer bias_initializer ${RNN_TAIL}`,
};

function model(): bp.Sequential {
  const m = bp.sequential([
    L.conv2d({ filters: 2, kernelSize: 3, inputShape: [6, 6, 1], activation: "relu" }),
    L.batchNormalization({}),
    L.maxPooling2d({ poolSize: 2 }),
    L.flatten({}),
    L.dropout({ rate: 0.25 }),
    L.dense({
      units: 8,
      kernelInitializer: "lecunNormal",
      kernelRegularizer: bp.regularizers.l2({ l2: 0.01 }),
    }),
    L.reshape({ targetShape: [4, 2] }),
    L.lstm({ units: 3, returnSequences: true }),
    L.gru({ units: 3, returnSequences: true }),
    L.simpleRNN({ units: 2 }),
    L.dense({ units: 1 }),
  ]);
  return m;
}

type Json = Record<string, unknown>;
const configOf = (file: string) =>
  JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(file))["config.json"])) as {
    config: { layers: { class_name: string; config: Json }[] };
  };

describe("Keras 3 layout", () => {
  test("config.json: every layer has the keys Keras 3 writes for its class, initializers and regularizers as Keras objects", async () => {
    const file = join(dir, "m.keras");
    await model().save(file);
    const layers = configOf(file).config.layers.slice(1);
    for (const l of layers) {
      const want = KEYS[l.class_name];
      if (want)
        expect(Object.keys(l.config), l.class_name).toEqual([
          "name",
          "trainable",
          "dtype",
          ...want.split(" "),
        ]);
    }
    const dense = layers.find((l) => l.class_name === "Dense")!.config;
    expect(dense.kernel_initializer).toEqual({
      module: "keras.initializers",
      class_name: "LecunNormal",
      config: { seed: null },
      registered_name: null,
    });
    expect(dense.bias_initializer).toEqual({
      module: "keras.initializers",
      class_name: "Zeros",
      config: {},
      registered_name: null,
    });
    expect(dense.kernel_regularizer).toEqual({
      module: "keras.regularizers",
      class_name: "L2",
      config: { l2: 0.01 },
      registered_name: null,
    });
    const lstm = layers.find((l) => l.class_name === "LSTM")!.config;
    expect(lstm.recurrent_initializer).toEqual({
      module: "keras.initializers",
      class_name: "OrthogonalInitializer",
      config: { gain: 1, seed: null },
      registered_name: null,
    });
    // and back: the regularizer and initializer come back as backprop's
    const cfg = (await bp.loadModel(file)).layers[5]!.getConfig();
    expect(cfg.kernelRegularizer).toEqual({ className: "L2", config: { l2: 0.01 } });
    expect((cfg.kernelInitializer as { className: string }).className).toBe("LecunNormal");
  });

  test("regularizers read with Keras 3's meaning: an L1L2 option left out or null is 0, not backprop's default", async () => {
    const file = join(dir, "reg.keras");
    await bp.sequential([L.dense({ units: 2, inputShape: [3] })]).save(file);
    const files = unzipSync(readFileSync(file));
    const read = async (reg: Json) => {
      const cfg = JSON.parse(new TextDecoder().decode(files["config.json"])) as {
        config: { layers: { config: Json }[] };
      };
      cfg.config.layers[1]!.config.kernel_regularizer = {
        module: "keras.regularizers",
        class_name: "L1L2",
        config: reg,
        registered_name: null,
      };
      writeFileSync(
        join(dir, "reg2.keras"),
        zipSync({ ...files, "config.json": strToU8(JSON.stringify(cfg)) }, { level: 0 }),
      );
      return (await bp.loadModel(join(dir, "reg2.keras"))).layers[0]!.getConfig().kernelRegularizer;
    };
    expect(await read({ l1: 0.001 })).toEqual({ className: "L1L2", config: { l1: 0.001, l2: 0 } });
    expect(await read({ l1: null, l2: 0.5 })).toEqual({ className: "L1L2", config: { l1: 0, l2: 0.5 } });
  });

  test("weights stored as float16 (a Keras model of dtype float16) are a FormatError naming the dataset", async () => {
    if (pythonMissing(["h5py", "numpy"])) return;
    const file = join(dir, "half.keras");
    await bp.sequential([L.dense({ units: 2, inputShape: [3] })]).save(file);
    const files = unzipSync(readFileSync(file));
    writeFileSync(join(dir, "half.h5"), files["model.weights.h5"]!);
    const toHalf =
      "import h5py, sys\nwith h5py.File(sys.argv[1], 'a') as f:\n    a = f['layers/dense/vars/0'][()]\n    del f['layers/dense/vars/0']\n    f['layers/dense/vars/0'] = a.astype('float16')\n";
    runPython(toHalf, [join(dir, "half.h5")]);
    writeFileSync(
      file,
      zipSync({ ...files, "model.weights.h5": readFileSync(join(dir, "half.h5")) }, { level: 0 }),
    );
    const outcome = await bp.loadModel(file).then(
      () => "loaded",
      (e: Error) => `${e.name}: ${e.message}`,
    );
    expect(outcome).toMatch(
      /^FormatError: .*half.keras!model.weights.h5: layers\/dense\/vars\/0 holds 16-bit floats; backprop reads float32 and float64 weights/,
    );
  });

  test("model.weights.h5: a vars group for every layer, recurrent layers also their cell's, and the model's own", async () => {
    const file = join(dir, "w.weights.h5");
    await model().save(file);
    await h5wasm.ready;
    const f = new h5wasm.File(file, "r");
    try {
      const groups = (f.get("layers") as InstanceType<typeof h5wasm.Group>).keys().sort();
      expect(groups).toEqual([
        "batch_normalization",
        "conv2d",
        "dense",
        "dense_1",
        "dropout",
        "flatten",
        "gru",
        "lstm",
        "max_pooling2d",
        "reshape",
        "simple_rnn",
      ]);
      for (const g of groups) expect(f.get(`layers/${g}/vars`), g).toBeInstanceOf(h5wasm.Group);
      for (const g of ["lstm", "gru", "simple_rnn"])
        expect(
          (f.get(`layers/${g}/cell/vars`) as InstanceType<typeof h5wasm.Group>).keys().sort(),
          g,
        ).toEqual(["0", "1", "2"]);
      expect(
        (f.get("layers/batch_normalization/vars") as InstanceType<typeof h5wasm.Group>).keys().sort(),
      ).toEqual(["0", "1", "2", "3"]);
      expect(f.get("vars")).toBeInstanceOf(h5wasm.Group);
    } finally {
      f.close();
    }
  });

  test("layers backprop would compute differently are refused: dilation, groups, quantized policies, masking", async () => {
    const file = join(dir, "base.keras");
    await bp
      .sequential([
        L.conv2d({ filters: 2, kernelSize: 2, inputShape: [4, 4, 1] }),
        L.flatten({}),
        L.dense({ units: 1 }),
      ])
      .save(file);
    const files = unzipSync(readFileSync(file));
    const edit = (name: string, change: (layers: Json[]) => void) => {
      const cfg = JSON.parse(new TextDecoder().decode(files["config.json"])) as {
        config: { layers: { config: Json }[] };
      };
      change(cfg.config.layers.map((l) => l.config));
      writeFileSync(
        join(dir, name),
        zipSync({ ...files, "config.json": strToU8(JSON.stringify(cfg)) }, { level: 0 }),
      );
      return join(dir, name);
    };
    // the outcome as text, so that a model loaded where an error was due is reported without printing the model
    const outcome = (file: string) =>
      bp.loadModel(file).then(
        (m) => `loaded ${m.layers.length} layers`,
        (e: Error) => `${e.name}: ${e.message}`,
      );
    expect(await outcome(edit("dilated.keras", (l) => (l[1]!.dilation_rate = [2, 2])))).toMatch(
      /^FormatError: .*dilated.keras.*dilation_rate \[2,2\] is not supported/,
    );
    expect(await outcome(edit("grouped.keras", (l) => (l[1]!.groups = 2)))).toMatch(
      /^FormatError: .*groups 2 is not supported/,
    );
    const int8 = {
      module: "keras",
      class_name: "QuantizedDTypePolicy",
      config: { name: "int8_from_float32" },
      registered_name: null,
    };
    expect(await outcome(edit("int8.keras", (l) => (l[3]!.dtype = int8)))).toMatch(
      /^FormatError: .*quantized dtype policy "int8_from_float32"/,
    );
    const qc = {
      module: "keras.quantizers",
      class_name: "Int8QuantizationConfig",
      config: {},
      registered_name: null,
    };
    expect(await outcome(edit("qc.keras", (l) => (l[3]!.quantization_config = qc)))).toMatch(
      /^FormatError: .*qc.keras.*is quantized \(quantization_config Int8QuantizationConfig\)/,
    );
    expect(
      await outcome(
        edit("ok.keras", (l) => ((l[1]!.dilation_rate = [1, 1]), (l[3]!.quantization_config = null))),
      ),
    ).toBe("loaded 3 layers");
    // an Embedding with mask_zero makes Keras's recurrent layers skip the padded steps; backprop has no masks
    const text = join(dir, "text.keras");
    await bp
      .sequential([L.embedding({ inputDim: 20, outputDim: 4, inputShape: [6] }), L.gru({ units: 3 })])
      .save(text);
    const textFiles = unzipSync(readFileSync(text));
    const cfg = JSON.parse(new TextDecoder().decode(textFiles["config.json"])) as {
      config: { layers: { config: Json }[] };
    };
    cfg.config.layers[1]!.config.mask_zero = true;
    writeFileSync(
      join(dir, "masked.keras"),
      zipSync({ ...textFiles, "config.json": strToU8(JSON.stringify(cfg)) }, { level: 0 }),
    );
    expect(await outcome(join(dir, "masked.keras"))).toMatch(
      /^FormatError: .*masked.keras.*mask_zero: true is not supported/,
    );
    expect(await outcome(text)).toBe("loaded 2 layers");
  });
});
