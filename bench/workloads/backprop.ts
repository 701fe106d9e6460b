/**
 * backprop's side of the comparison, run by bench/run.ts in a child process:
 *
 *   tsx bench/workloads/backprop.ts --backend wasm|js --api model|low --workload W1 [--samples 8000] [--threads 2] [--build plain]
 *   node --expose-gc --import tsx bench/workloads/backprop.ts --workload MEM [--epochs 20] [--settle all]
 *
 * "model" trains with bp.sequential / compile / fit; "low" with the low-level API: variables,
 * matmul / conv2d ops, valueAndGrads and a hand-written Adam inside bp.tidy.
 */
import * as bp from "../../src/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { backendByName } from "../../src/tensor/engine.js";
import { emitMemory, sampleMemory, type MemorySample } from "../lib/memory.js";
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
const backend = opt.backend ?? "wasm";
const api = opt.api ?? "model";
const workload = (opt.workload ?? "W1") as WorkloadId;
const build = opt.build === "plain" ? "plain" : undefined;
const lib = `backprop-${backend}${api === "low" ? " (low-level)" : ""}${build ? " (plain SIMD)" : ""}`;
if (build) bp.registerBackend("wasm-plain", () => createWasmBackend({ build }), -1);
bp.setBackend(build ? "wasm-plain" : backend);
if (opt.threads) bp.setThreads(Number(opt.threads));
bp.setSeed(1);

const data = await bp.data.mnist();
const samples = Math.min(Number(opt.samples ?? 8000), data.xTrain.shape[0] as number);
const xTrain = bp.keep(data.xTrain.slice([0, 0, 0, 0], [samples, 28, 28, 1]));
const yTrain = bp.keep(data.yTrain.slice([0, 0], [samples, 10]));
const flatTrain = bp.keep(xTrain.reshape([samples, 784]));

/** A trainer for workload W1–W3 with either API: `train` runs epochs, calling `onEpoch(e)` after each. */
interface Trainer {
  train(epochs: number, onEpoch: (epoch: number) => Promise<void> | void): Promise<unknown>;
  predict(x: bp.Tensor): bp.Tensor;
}

function modelTrainer(id: "W1" | "W2" | "W3"): Trainer {
  const layers: bp.layers.Layer[] =
    id === "W3"
      ? [
          bp.layers.conv2d({ filters: 8, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }),
          bp.layers.maxPooling2d({ poolSize: 2 }),
          bp.layers.conv2d({ filters: 16, kernelSize: 5, activation: "relu" }),
          bp.layers.maxPooling2d({ poolSize: 2 }),
          bp.layers.flatten(),
          bp.layers.dense({ units: 10, activation: "softmax" }),
        ]
      : [
          ...TRAIN[id].hidden.map((units, i) =>
            bp.layers.dense({ units, activation: "relu", ...(i === 0 ? { inputShape: [784] } : {}) }),
          ),
          bp.layers.dense({ units: 10, activation: "softmax" }),
        ];
  const model = bp.sequential(layers);
  model.compile({
    optimizer: bp.optimizers.adam({ learningRate: LEARNING_RATE }),
    loss: "categoricalCrossentropy",
  });
  const x = id === "W3" ? xTrain : flatTrain;
  return {
    // one fit call, as a user trains; epochs are timed by a callback
    train: (epochs, onEpoch) =>
      model.fit(x, yTrain, {
        epochs,
        batchSize: TRAIN[id].batch,
        shuffle: true,
        verbose: 0,
        callbacks: [{ onEpochEnd: (e: number) => onEpoch(e) }],
      }),
    predict: (xs) => model.predict(xs, { batchSize: xs.shape[0] as number }),
  };
}

function lowLevelTrainer(id: "W1" | "W2" | "W3"): Trainer {
  const init = (shape: number[], fanIn: number): bp.Variable =>
    bp.variable(bp.randn(shape).mul(Math.sqrt(2 / fanIn)));
  const params: bp.Variable[] = [];
  let forward: (x: bp.Tensor) => bp.Tensor;
  if (id === "W3") {
    const k1 = init([5, 5, 1, 8], 25),
      c1 = bp.variable(bp.zeros([8]));
    const k2 = init([5, 5, 8, 16], 200),
      c2 = bp.variable(bp.zeros([16]));
    const w = init([256, 10], 256),
      b = bp.variable(bp.zeros([10]));
    params.push(k1, c1, k2, c2, w, b);
    forward = (x) => {
      const a = bp.maxPool2d(bp.conv2d(x, k1).add(c1).relu(), { poolSize: 2, strides: 2 });
      const h = bp.maxPool2d(bp.conv2d(a, k2).add(c2).relu(), { poolSize: 2, strides: 2 });
      return h
        .reshape([x.shape[0] as number, 256])
        .matmul(w)
        .add(b);
    };
  } else {
    const sizes = [784, ...TRAIN[id].hidden, 10];
    const ws: [bp.Variable, bp.Variable][] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const pair: [bp.Variable, bp.Variable] = [
        init([sizes[i]!, sizes[i + 1]!], sizes[i]!),
        bp.variable(bp.zeros([sizes[i + 1]!])),
      ];
      ws.push(pair);
      params.push(...pair);
    }
    forward = (x) =>
      ws.reduce((h, [w, b], i) => (i + 1 < ws.length ? h.matmul(w).add(b).relu() : h.matmul(w).add(b)), x);
  }
  // Adam with bias correction, as the formula reads
  const m = params.map((p) => bp.variable(bp.zerosLike(p), { trainable: false }));
  const v = params.map((p) => bp.variable(bp.zerosLike(p), { trainable: false }));
  const [b1, b2, eps] = [0.9, 0.999, 1e-7];
  let t = 0;
  const x = id === "W3" ? xTrain : flatTrain;
  const batch = TRAIN[id].batch;
  const rng = new bp.Rng(1);
  const epoch = (): void => {
    const order = Int32Array.from({ length: samples }, (_, i) => i);
    rng.shuffle(order);
    for (let start = 0; start < samples; start += batch) {
      bp.tidy(() => {
        const idx = bp.tensor(order.subarray(start, Math.min(samples, start + batch)), undefined, "int32");
        const xb = x.gather(idx);
        const yb = yTrain.gather(idx);
        const { grads } = bp.valueAndGrads(
          () => bp.logSoftmax(forward(xb)).mul(yb).sum(-1).mean().neg(),
          params,
        );
        t++;
        const lr = (LEARNING_RATE * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
        params.forEach((p, i) => {
          const g = grads[i] as bp.Tensor;
          m[i]!.assign(m[i]!.mul(b1).add(g.mul(1 - b1)));
          v[i]!.assign(v[i]!.mul(b2).add(g.square().mul(1 - b2)));
          p.assign(p.sub(m[i]!.mul(lr).div(v[i]!.sqrt().add(eps))));
        });
      });
    }
  };
  return {
    train: async (epochs, onEpoch) => {
      for (let e = 0; e < epochs; e++) {
        epoch();
        await onEpoch(e);
      }
    },
    predict: (xs) => bp.tidy(() => bp.softmax(forward(xs))),
  };
}

/** Seconds of each epoch after the first (the warm-up). */
async function timeEpochs(trainer: Trainer): Promise<number[]> {
  const times: number[] = [];
  let t0 = performance.now();
  await trainer.train(1 + TIMED_EPOCHS, (e) => {
    const t = performance.now();
    if (e > 0) times.push((t - t0) / 1000);
    t0 = t;
  });
  return times;
}

async function run(): Promise<void> {
  const make = api === "low" ? lowLevelTrainer : modelTrainer;
  if (workload === "W1" || workload === "W2" || workload === "W3") {
    const times = await timeEpochs(make(workload));
    emit({
      lib,
      workload,
      row: "train",
      value: samples / median(times),
      unit: "samples/s",
      note: samples < 8000 ? `${samples} samples per epoch` : undefined,
    });
  } else if (workload === "W4") {
    await new Promise((r) => setTimeout(r, 300)); // let the helper threads start, as a training run's first steps do
    for (const [m, k, n] of GEMM_SIZES) {
      const a = bp.randn([m, k]);
      const b = bp.randn([k, n]);
      const reps = Math.max(10, Math.min(50, Math.round(2e9 / (2 * m * k * n))));
      const seconds = medianSeconds(2, reps, () => bp.tidy(() => a.matmul(b)));
      emit({
        lib,
        workload,
        row: `${m}×${k}×${n}`,
        value: (2 * m * k * n) / seconds / 1e9,
        unit: "GFLOP/s",
      });
    }
  } else if (workload === "W5") {
    const trainer = make("W1");
    await trainer.train(1, () => undefined);
    const xTest = data.xTest.reshape([data.xTest.shape[0] as number, 784]);
    const seconds = medianSeconds(3, 20, () => bp.tidy(() => trainer.predict(xTest).dataSync()));
    emit({
      lib,
      workload,
      row: "predict",
      value: (xTest.shape[0] as number) / seconds,
      unit: "samples/s",
    });
  } else {
    const wasm = (backendByName(bp.getBackend()) as { runtime?: { heap: { size: number } } }).runtime?.heap;
    await sampleMemory(bp, () => 0); // the data loading's garbage goes before epoch 1 is measured
    const trainer = make("W1");
    const samples: MemorySample[] = [];
    const epochs = Number(opt.epochs ?? MEMORY_EPOCHS);
    const settle = (e: number): boolean => e === 0 || e === epochs - 1 || opt.settle === "all";
    await trainer.train(
      epochs,
      async (e) => void samples.push(await sampleMemory(bp, () => wasm?.size ?? 0, settle(e))),
    );
    emitMemory(lib, samples);
  }
}

try {
  await run();
} catch (e) {
  emit({ lib, workload, row: "error", unit: "", error: (e as Error).message.split("\n")[0] });
}
process.exit(0);
