/**
 * Epoch-by-epoch training rates of W1 (MLP 784-128-10) and W3 (the CNN) in one fit each, on the real
 * embedded MNIST digits the speed bench trains on (or synthetic rows), Adam, shuffled, as bench/workloads
 * runs them. Variants alternate whole fits in one process: `default` (backprop's default configuration),
 * `eager` (captured steps off), `t1` (one thread), `split` and `alone` (every verdict of the thread
 * policy forced, kernels and whole steps: which of a ramp is the policy's exploring and which is the
 * engine's), `warm` (with --fresh: the measured fit follows a fit of another model for --warm-epochs
 * epochs, 3 by default, in the same process, so V8 has compiled fit's JavaScript); with `--fresh`, a variant may name Node/V8 flags for
 * its processes after colons (`t1:--max-semi-space-size=1`). A variant listed twice is an A/A pair, whose per-epoch
 * gap is the noise floor. Prints each epoch's samples/s (medians over rounds), the steady rate (median of
 * the last half of the epochs) and each epoch's ratio to it. Fits after a process's first run warm
 * (V8 has optimized fit's JavaScript); `--fresh` runs each fit in a process of its own, as the speed
 * bench does, which is where the warm-up shows.
 *
 *   npx tsx bench/capture-epochs.ts [--workloads W1,W3] [--data mnist|synthetic] [--variants default,default]
 *                                   [--epochs 8] [--rounds 2] [--samples 8000]
 *                                   [--fresh] [--warm-epochs 3]
 */
import { fileURLToPath } from "node:url";
import { PolicySlot } from "../src/backend/wasm/policy.js";
import * as bp from "../src/index.js";
import { syntheticDigits, workloadModel } from "./lib/models.js";
import { args, freshChild, loadAverage, median, TRAIN } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
const workloads = (opt.workloads ?? "W1,W3").split(",") as ("W1" | "W3")[];
const variants = (opt.variants ?? "default,default").split(",");
if (opt.fresh === undefined && opt.child === undefined && variants.some((v) => v.includes(":"))) {
  throw new Error("capture-epochs: a variant's Node flags (after a colon) need --fresh");
}
const epochs = Number(opt.epochs ?? 8);
const rounds = Number(opt.rounds ?? 2);
const synthetic = opt.data === "synthetic";
bp.setBackend("wasm");
bp.setSeed(1);
const defaultThreads = bp.getThreads();

/** The training rows: the first `samples` embedded MNIST digits (as the speed bench), or synthetic rows. */
async function trainingData(): Promise<{ x: bp.Tensor; y: bp.Tensor; n: number }> {
  if (synthetic) {
    const n = Number(opt.samples ?? 8192);
    const { xData, yData } = syntheticDigits(n);
    return { x: bp.keep(bp.tensor(xData, [n, 784])), y: bp.keep(bp.tensor(yData, [n, 10])), n };
  }
  const data = await bp.data.mnist();
  const n = Math.min(Number(opt.samples ?? 8000), data.xTrain.shape[0] as number);
  const x = bp.keep(data.xTrain.slice([0, 0, 0, 0], [n, 28, 28, 1]).reshape([n, 784]));
  return { x, y: bp.keep(data.yTrain.slice([0, 0], [n, 10])), n };
}
const fresh = opt.fresh !== undefined && opt.child === undefined;
const { x, y, n } = fresh ? { x: bp.scalar(0), y: bp.scalar(0), n: 0 } : await trainingData();
const images = fresh ? x : bp.keep(x.reshape([n, 28, 28, 1]));

const { choose, record } = PolicySlot.prototype;

/** The `split` and `alone` variants: every policy slot (a kernel's size class or a captured step) runs one way, untimed. */
function forceWay(variant: string): void {
  const way = variant === "split" ? true : variant === "alone" ? false : undefined;
  PolicySlot.prototype.choose = way === undefined ? choose : () => way;
  PolicySlot.prototype.record = way === undefined ? record : () => undefined;
}

/** Samples/s of each epoch of one fit of workload w in the given variant, by the clock and per CPU-second of the process. */
async function fitRates(w: "W1" | "W3", variant: string): Promise<{ wall: number[]; cpu: number[] }> {
  bp.setThreads(variant === "t1" ? 1 : defaultThreads);
  forceWay(variant);
  const rows = w === "W3" ? images : x;
  const recipe = { batchSize: TRAIN[w].batch, verbose: 0 as const, shuffle: true };
  if (variant === "warm") {
    await workloadModel(bp, w).fit(rows, y, { ...recipe, epochs: Number(opt["warm-epochs"] ?? 3) });
  }
  const m = workloadModel(bp, w);
  const wall: number[] = [];
  const cpu: number[] = [];
  let t0 = 0;
  let c0 = process.cpuUsage();
  const callbacks = [
    {
      onEpochBegin: () => {
        t0 = performance.now();
        c0 = process.cpuUsage();
      },
      onEpochEnd: () => {
        const c = process.cpuUsage(c0);
        wall.push(n / ((performance.now() - t0) / 1000));
        cpu.push(n / ((c.user + c.system) / 1e6));
      },
    },
  ];
  const capture = variant === "eager" ? { capture: false } : {};
  await m.fit(rows, y, {
    ...recipe,
    epochs,
    callbacks,
    ...capture,
  });
  return { wall, cpu };
}

/** One fit in a new process (--fresh): this script with --child, which prints its rates as JSON. */
function freshRates(w: "W1" | "W3", variant: string): { wall: number[]; cpu: number[] } {
  const argv = process.argv
    .slice(2)
    .filter((a, i, all) => a !== "--fresh" && all[i - 1] !== "--workloads" && a !== "--workloads");
  const [base, ...nodeFlags] = variant.split(":");
  return freshChild(
    fileURLToPath(import.meta.url),
    [...argv, "--child", w, "--variant", base!],
    "rates",
    nodeFlags,
  );
}

if (opt.child !== undefined) {
  console.log(
    `@@rates ${JSON.stringify(await fitRates(opt.child as "W1" | "W3", opt.variant ?? "default"))}`,
  );
  process.exit(0);
}

/** One line per variant: per-epoch medians, the steady rate and each epoch's ratio to it. */
function summarize(w: string, name: string, runs: number[][]): number[] {
  const perEpoch = Array.from({ length: epochs }, (_, e) => median(runs.map((run) => run[e]!)));
  const steady = median(perEpoch.slice(Math.floor(epochs / 2)));
  const ratios = perEpoch.map((v) => v / steady);
  const worst = Math.min(...ratios.slice(1));
  console.log(
    `${w} ${name}: samples/s ${perEpoch.map((v) => v.toFixed(0)).join(", ")}; steady (median of epochs ${Math.floor(epochs / 2) + 1}-${epochs}) ${steady.toFixed(0)}`,
  );
  console.log(
    `${w} ${name}: ratio to steady ${ratios.map((r) => r.toFixed(2)).join(", ")}; slowest epoch 2+ at ${(worst * 100).toFixed(0)} %${worst < 0.9 ? "  BELOW 90 %" : ""}`,
  );
  return perEpoch;
}

for (const w of workloads) {
  const all = variants.map(() => ({ wall: [] as number[][], cpu: [] as number[][] }));
  for (let r = 0; r < rounds; r++) {
    const order = variants.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const { wall, cpu } = fresh ? freshRates(w, variants[i]!) : await fitRates(w, variants[i]!);
      all[i]!.wall.push(wall);
      all[i]!.cpu.push(cpu);
    }
  }
  const perEpoch = variants.map((v, i) => summarize(w, `${v}#${i + 1}`, all[i]!.wall));
  for (let i = 1; i < variants.length; i++) {
    const gap = perEpoch[i]!.map((v, e) => v / perEpoch[0]![e]!);
    const label = variants[i] === variants[0] ? "A/A" : "ratio";
    console.log(
      `${w} ${label} ${variants[i]}#${i + 1} / ${variants[0]}#1 per epoch: ${gap.map((g) => g.toFixed(2)).join(", ")}`,
    );
  }
  // per CPU-second of the whole process (all threads): less moved by other processes than the clock
  variants.forEach((v, i) => summarize(w, `${v}#${i + 1} per CPU-s`, all[i]!.cpu));
}
console.log(
  `${synthetic ? "synthetic" : "MNIST"} rows${fresh ? " in each process" : `: ${n}`}; ${fresh ? "each fit in a fresh process; " : ""}threads by default ${defaultThreads}; load average ${loadAverage()}`,
);
process.exit(0);
