/**
 * The optimizer rules' steps where moments of dead units decay through the band in which lr·m (or a
 * centered average's square) is subnormal in float32, this tree against another checkout in one
 * process, alternating. First one optimizer's steps on 131,072 parameters whose gradient is 1e-3
 * once and 0 for the next 1,400 steps (a unit that died), median µs per step by 100 steps; then an
 * MLP (W1's 784→128 relu→10 softmax, batch 64, on the 8,000 embedded digits) trains epoch by epoch
 * with each tree in turn, each epoch's seconds side by side with the ratio other / this (> 1: this
 * tree is faster). `--optimizer`: nadam (default), adamax, adam, rmsprop (centered, momentum 0.9),
 * rmsprop-momentum (not centered), momentum (SGD), adagrad, adadelta. `--epochs 0` skips the MLP;
 * `--data synthetic` trains on compare-trees' 1,024 synthetic rows instead.
 *
 *   npx tsx bench/subnormal-steps.ts --compare /path/to/other/src/index.ts [--optimizer nadam] [--epochs 12] [--threads 1] [--data synthetic]
 */
import { pathToFileURL } from "node:url";
import type * as BP from "../src/index.js";
import { syntheticDigits } from "./lib/models.js";
import { args, median } from "./lib/spec.js";

type Lib = typeof BP;
const opt = args(process.argv.slice(2));
if (!opt.compare) throw new Error("subnormal-steps: pass --compare <other tree's src/index.ts>");
const epochs = Number(opt.epochs ?? 12);
const optimizer = opt.optimizer ?? "nadam";
const libs: [string, Lib][] = [
  ["this tree", await import("../src/index.js")],
  ["other", (await import(pathToFileURL(opt.compare).href)) as Lib],
];

/** The optimizer by name, at the learning rate Keras defaults to (RMSprop centered with momentum). */
function makeOptimizer(bp: Lib): BP.Optimizer {
  const lr = { learningRate: 1e-3 };
  const o = bp.optimizers;
  const make: Record<string, () => BP.Optimizer> = {
    nadam: () => o.nadam(lr),
    adamax: () => o.adamax(lr),
    adam: () => o.adam(lr),
    rmsprop: () => o.rmsprop({ ...lr, momentum: 0.9, centered: true }),
    "rmsprop-momentum": () => o.rmsprop({ ...lr, momentum: 0.9 }),
    momentum: () => o.sgd({ ...lr, momentum: 0.9 }),
    adagrad: () => o.adagrad(lr),
    adadelta: () => o.adadelta({ learningRate: 1 }),
  };
  const f = make[optimizer];
  if (!f) throw new Error(`subnormal-steps: --optimizer is one of ${Object.keys(make).join(", ")}`);
  return f();
}

function synthetic(bp: Lib): { xTrain: BP.Tensor; yTrain: BP.Tensor } {
  const { xData, yData } = syntheticDigits(1024);
  return { xTrain: bp.tensor(xData, [1024, 784]), yTrain: bp.tensor(yData, [1024, 10]) };
}

/** µs of each step after one kick, the trees alternating step by step. */
function deadUnitSteps(): number[][] {
  const n = 131072;
  const runs = libs.map(([, bp]) => {
    bp.setBackend("wasm");
    bp.setThreads(Number(opt.threads ?? 1));
    const w = bp.keep(bp.variable(bp.tensor(new Float32Array(n).fill(0.5), [n])));
    const kick = bp.keep(bp.tensor(new Float32Array(n).fill(1e-3), [n]));
    const zero = bp.keep(bp.tensor(new Float32Array(n), [n]));
    return { bp, o: makeOptimizer(bp), w, kick, zero, us: [] as number[] };
  });
  for (let t = 0; t <= 1400; t++) {
    for (const r of t % 2 ? runs : [...runs].reverse()) {
      r.bp.setBackend("wasm");
      const t0 = performance.now();
      r.o.applyGradients([{ variable: r.w, grad: t === 0 ? r.kick : r.zero }]);
      if (t > 0) r.us.push((performance.now() - t0) * 1000);
    }
  }
  return runs.map((r) => r.us);
}

const us = deadUnitSteps();
const buckets = us.map((u) => Array.from({ length: 14 }, (_, b) => median(u.slice(b * 100, b * 100 + 100))));
libs.forEach(([name], k) =>
  console.log(
    `${optimizer}, dead unit, µs per step by 100 steps, ${name}: ${buckets[k]!.map((x) => x.toFixed(0)).join(" ")}`,
  ),
);
const [worstThis, worstOther] = buckets.map((b) => Math.max(...b)) as [number, number];
console.log(
  `slowest 100 steps: this tree ${worstThis.toFixed(0)} µs, other ${worstOther.toFixed(0)} µs, other / this ${(worstOther / worstThis).toFixed(1)}`,
);

if (epochs === 0) process.exit(0);

const setups = await Promise.all(
  libs.map(async ([, bp]) => {
    bp.setBackend("wasm");
    bp.setThreads(Number(opt.threads ?? 1));
    const { xTrain, yTrain } = opt.data === "synthetic" ? synthetic(bp) : await bp.data.mnist();
    const m = bp.sequential([
      bp.layers.dense({ units: 128, activation: "relu", inputShape: [784] }),
      bp.layers.dense({ units: 10, activation: "softmax" }),
    ]);
    m.compile({ optimizer: makeOptimizer(bp), loss: "categoricalCrossentropy" });
    return { bp, m, x: bp.keep(xTrain.reshape([-1, 784])), y: bp.keep(yTrain) };
  }),
);

const seconds: number[][] = libs.map(() => []);
for (let e = 0; e < epochs; e++) {
  for (let q = 0; q < libs.length; q++) {
    const k = (q + e) % libs.length;
    const s = setups[k]!;
    s.bp.setBackend("wasm");
    const t0 = performance.now();
    await s.m.fit(s.x, s.y, { epochs: 1, batchSize: 64, verbose: 0 });
    seconds[k]!.push((performance.now() - t0) / 1000);
  }
  const [a, b] = seconds.map((s) => s[e]!) as [number, number];
  console.log(
    `${optimizer} epoch ${e + 1}: this tree ${a.toFixed(3)} s, other ${b.toFixed(3)} s, other / this ${(b / a).toFixed(2)}`,
  );
}
const [a, b] = seconds.map((s) => median(s.slice(1))) as [number, number];
const [wa, wb] = seconds.map((s) => Math.max(...s.slice(1))) as [number, number];
console.log(
  `${optimizer}, epochs 2-${epochs}: median this tree ${a.toFixed(3)} s, other ${b.toFixed(3)} s (ratio ${(b / a).toFixed(2)}); slowest epoch this ${wa.toFixed(3)} s, other ${wb.toFixed(3)} s (ratio ${(wb / wa).toFixed(2)})`,
);
process.exit(0);
