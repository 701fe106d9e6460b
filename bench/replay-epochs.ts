/**
 * The replay path alone, epoch by epoch: W1's model trained by a `bp.compileStep` loop over
 * pre-sliced batches of the embedded MNIST digits (forward, loss, gradients and Adam's update in one
 * captured step; no fit, callbacks, metrics or shuffling), in fresh processes. Prints each epoch's
 * milliseconds, the milliseconds inside the replays (the thread policy's `runProgram` call, which holds
 * the kernels and the replay's own JavaScript) and each epoch's ratio to the steady rate (the median
 * of the second half), so a ramp seen in `fit` can be told apart from fit's own bookkeeping.
 *
 *   npx tsx bench/replay-epochs.ts [--runs 3] [--epochs 8] [--threads N] [--node-flags "--no-opt"]
 */
import { fileURLToPath } from "node:url";
import type { Tensor } from "../src/index.js";
import { args, freshChild, median } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
const epochs = Number(opt.epochs ?? 8);

if (opt.child !== undefined) {
  const bp = await import("../src/index.js");
  const { workloadModel } = await import("./lib/models.js");
  const { WasmRuntime } = await import("../src/backend/wasm/runtime.js");
  bp.setBackend("wasm");
  if (opt.threads !== undefined) bp.setThreads(Number(opt.threads));
  const data = await bp.data.mnist();
  const n = 8000;
  const batch = 64;
  const steps = n / batch;
  const x = bp.keep(data.xTrain.slice([0, 0, 0, 0], [n, 28, 28, 1]).reshape([n, 784]));
  const y = bp.keep(data.yTrain.slice([0, 0], [n, 10]));
  const xs = Array.from({ length: steps }, (_, i) => bp.keep(x.slice([i * batch, 0], [batch, 784])));
  const ys = Array.from({ length: steps }, (_, i) => bp.keep(y.slice([i * batch, 0], [batch, 10])));
  const model = workloadModel(bp, "W1");
  model.predict(xs[0]!);
  const vars = model.trainableWeights;
  const optimizer = bp.optimizers.adam({ learningRate: 1e-3 });
  const step = bp.compileStep((xb: Tensor, yb: Tensor) => {
    const { value, grads } = bp.valueAndGrads(
      () => bp.losses.categoricalCrossentropy(yb, model.apply(xb, { training: true })).mean(),
      vars,
    );
    optimizer.applyGradients(vars.map((variable, i) => ({ variable, grad: grads[i]! })));
    return value;
  });
  // the replays' own milliseconds: the thread policy's call around each one
  let inside = 0;
  const proto = WasmRuntime.prototype as unknown as {
    runProgram(this: unknown, key: string, fn: () => unknown): unknown;
  };
  const runProgram = proto.runProgram;
  proto.runProgram = function (this: unknown, key: string, fn: () => unknown): unknown {
    return runProgram.call(this, key, () => {
      const t = performance.now();
      try {
        return fn();
      } finally {
        inside += performance.now() - t;
      }
    });
  };
  const total: number[] = [];
  const replays: number[] = [];
  for (let e = 0; e < epochs; e++) {
    inside = 0;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) bp.tidy(() => void step(xs[i]!, ys[i]!));
    total.push(performance.now() - t0);
    replays.push(inside);
  }
  console.log(`@@epochs ${JSON.stringify({ total, replays, mode: step.mode })}`);
  process.exit(0);
}

const runs = Number(opt.runs ?? 3);
const nodeFlags = opt["node-flags"] ? opt["node-flags"].split(" ") : [];
const argv = ["--child", "1", "--epochs", String(epochs), ...(opt.threads ? ["--threads", opt.threads] : [])];
const all: { total: number[]; replays: number[]; mode: string }[] = [];
for (let r = 0; r < runs; r++) {
  const run = freshChild<{ total: number[]; replays: number[]; mode: string }>(
    fileURLToPath(import.meta.url),
    argv,
    "epochs",
    nodeFlags,
  );
  all.push(run);
  const steady = median(run.total.slice(Math.floor(epochs / 2)));
  console.log(
    `run ${r + 1} (${run.mode}): ms ${run.total.map((v, e) => `${v.toFixed(0)}/${run.replays[e]!.toFixed(0)}`).join(" ")}` +
      `  (epoch/in replays); ratio to steady ${run.total.map((v) => (steady / v).toFixed(2)).join(" ")}`,
  );
}
const perEpoch = Array.from({ length: epochs }, (_, e) => median(all.map((run) => run.total[e]!)));
const steady = median(perEpoch.slice(Math.floor(epochs / 2)));
console.log(
  `median: ms ${perEpoch.map((v) => v.toFixed(0)).join(" ")}; ratio to steady ${perEpoch.map((v) => (steady / v).toFixed(2)).join(" ")}`,
);
