/**
 * TensorFlow.js's side of the comparison (devDependencies @tensorflow/tfjs and
 * @tensorflow/tfjs-backend-wasm, pure JS and WebAssembly — no native addon), run by bench/run.ts:
 *
 *   tsx bench/workloads/tfjs.ts --backend cpu|wasm --workload W1 [--samples 8000]
 *
 * Same models, optimizer, batch sizes and data as bench/workloads/backprop.ts.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as bp from "../../src/index.js";
import {
  args,
  emit,
  GEMM_SIZES,
  LEARNING_RATE,
  median,
  medianSeconds,
  MEMORY_EPOCHS,
  TIMED_EPOCHS,
  TRAIN,
  type WorkloadId,
} from "../lib/spec.js";

const opt = args(process.argv.slice(2));
const backend = opt.backend ?? "cpu";
const workload = (opt.workload ?? "W1") as WorkloadId;
const lib = `tfjs-${backend}`;

if (backend === "wasm") {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/"));
}
await tf.setBackend(backend);
await tf.ready();

// the same digits, split and order as backprop's runner
const data = await bp.data.mnist();
const samples = Math.min(Number(opt.samples ?? 8000), data.xTrain.shape[0] as number);
const xAll = data.xTrain.dataSync() as Float32Array;
const yAll = data.yTrain.dataSync() as Float32Array;
const xTrain = tf.tensor(xAll.subarray(0, samples * 784), [samples, 28, 28, 1]);
const flatTrain = xTrain.reshape([samples, 784]);
const yTrain = tf.tensor(yAll.subarray(0, samples * 10), [samples, 10]);
const xTest = tf.tensor(data.xTest.dataSync() as Float32Array, [data.xTest.shape[0] as number, 784]);

function model(id: "W1" | "W2" | "W3"): tf.Sequential {
  const m = tf.sequential();
  if (id === "W3") {
    m.add(tf.layers.conv2d({ filters: 8, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: "relu" }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.flatten());
  } else {
    TRAIN[id].hidden.forEach((units, i) =>
      m.add(tf.layers.dense({ units, activation: "relu", ...(i === 0 ? { inputShape: [784] } : {}) })),
    );
  }
  m.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  m.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: "categoricalCrossentropy" });
  return m;
}

/** One fit call of `epochs` epochs, calling onEpoch(e) after each (as backprop's runner does). */
const train = (
  m: tf.Sequential,
  id: "W1" | "W2" | "W3",
  epochs: number,
  onEpoch: (e: number) => void,
): Promise<unknown> =>
  m.fit(id === "W3" ? xTrain : flatTrain, yTrain, {
    epochs,
    batchSize: TRAIN[id].batch,
    shuffle: true,
    verbose: 0,
    callbacks: { onEpochEnd: async (e) => onEpoch(e) },
  });

async function run(): Promise<void> {
  if (workload === "W1" || workload === "W2" || workload === "W3") {
    const m = model(workload);
    const times: number[] = [];
    let t0 = performance.now();
    await train(m, workload, 1 + TIMED_EPOCHS, (e) => {
      const t = performance.now();
      if (e > 0) times.push((t - t0) / 1000);
      t0 = t;
    });
    emit({
      lib,
      workload,
      row: "train",
      value: samples / median(times),
      unit: "samples/s",
      note: samples < 8000 ? `${samples} samples per epoch` : undefined,
    });
  } else if (workload === "W4") {
    for (const [m, k, n] of GEMM_SIZES) {
      const a = tf.randomNormal([m, k]);
      const b = tf.randomNormal([k, n]);
      const reps = Math.max(
        backend === "cpu" ? 3 : 10,
        Math.min(50, Math.round((backend === "cpu" ? 2e8 : 2e9) / (2 * m * k * n))),
      );
      const seconds = medianSeconds(2, reps, () => tf.tidy(() => tf.matMul(a, b).dataSync()));
      emit({
        lib,
        workload,
        row: `${m}×${k}×${n}`,
        value: (2 * m * k * n) / seconds / 1e9,
        unit: "GFLOP/s",
      });
    }
  } else if (workload === "W5") {
    const m = model("W1");
    await train(m, "W1", 1, () => undefined);
    const seconds = medianSeconds(3, 20, () =>
      tf.tidy(() => (m.predict(xTest, { batchSize: xTest.shape[0] }) as tf.Tensor).dataSync()),
    );
    emit({
      lib,
      workload,
      row: "predict",
      value: (xTest.shape[0] as number) / seconds,
      unit: "samples/s",
    });
  } else {
    const m = model("W1");
    const rss = (): number => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage().rss;
    };
    let first = 0;
    let last = 0;
    await train(m, "W1", MEMORY_EPOCHS, (e) => {
      if (e === 0) first = rss();
      if (e === MEMORY_EPOCHS - 1) last = rss();
    });
    emit({ lib, workload, row: "epoch 1", value: first / 2 ** 20, unit: "MB RSS" });
    emit({
      lib,
      workload,
      row: `epoch ${MEMORY_EPOCHS}`,
      value: last / 2 ** 20,
      unit: "MB RSS",
      note: `${(((last - first) / first) * 100).toFixed(1)} %`,
    });
  }
}

try {
  await run();
} catch (e) {
  emit({ lib, workload, row: "error", unit: "", error: (e as Error).message.split("\n")[0] });
}
process.exit(0);
