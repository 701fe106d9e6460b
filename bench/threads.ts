/**
 * The thread policy, one thread against the default, in one process: W1–W3 train epoch by epoch, W5
 * predicts and W4 multiplies on two wasm backends — the default one (a thread per core) and one made
 * with `threads: 1`, plus a second such one whose ratio to the first shows the run's noise — and, with --compare, on another checkout's default backend too. The variants
 * alternate round by round (the order rotated every round), so a machine that gets busier hurts all
 * alike; each has its own model, initialized alike. Prints medians, ratios and the load average.
 *
 * Trains on the first --samples (2048) embedded MNIST digits, or on dense synthetic rows with --data synthetic.
 *
 *   npx tsx bench/threads.ts [--workloads W1,W2,W3,W4,W5] [--rounds 12] [--samples 2048] [--data synthetic] [--compare /other/src/index.ts]
 */
import { pathToFileURL } from "node:url";
import * as bp from "../src/index.js";
import { createWasmBackend, type WasmBackend } from "../src/backend/wasm/index.js";
import { backendByName } from "../src/tensor/engine.js";
import { type Lib, syntheticDigits, workloadModel } from "./lib/models.js";
import { args, GEMM_SIZES, loadAverage, median, TRAIN } from "./lib/spec.js";
const opt = args(process.argv.slice(2));
const rounds = Number(opt.rounds ?? 12);
const workloads = (opt.workloads ?? "W1,W2,W3,W4,W5").split(",");
const N = Number(opt.samples ?? 2048);

bp.registerBackend("wasm-1", () => createWasmBackend({ threads: 1 }), -1);
bp.registerBackend("wasm-1b", () => createWasmBackend({ threads: 1 }), -1);
/** The variants: label, library, backend name. */
const variants: [string, Lib, string][] = [
  ["1 thread", bp, "wasm-1"],
  ["default", bp, "wasm"],
  // a second one-thread backend: the ratio between the two is the noise of this run (an A/A control)
  ["1 thread again", bp, "wasm-1b"],
];
if (opt.compare)
  variants.push(["other default", (await import(pathToFileURL(opt.compare).href)) as Lib, "wasm"]);

/** The embedded MNIST digits, as the speed comparison trains on (--data synthetic: dense rows, no zeros). */
async function digits(): Promise<{ xData: Float32Array; yData: Float32Array }> {
  if (opt.data === "synthetic") return syntheticDigits(N);
  const d = await bp.data.mnist();
  return {
    xData: (d.xTrain.dataSync() as Float32Array).slice(0, N * 784),
    yData: (d.yTrain.dataSync() as Float32Array).slice(0, N * 10),
  };
}
const { xData, yData } = await digits();

/** Runs `setup` once per variant and then `unit` per variant per round, rotating the order; returns the medians. */
async function alternate<S>(
  warm: number,
  setup: (lib: Lib) => S,
  unit: (lib: Lib, s: S) => Promise<number> | number,
): Promise<number[]> {
  const states = variants.map(([, lib, name]) => {
    lib.setBackend(name);
    lib.setSeed(7);
    return setup(lib);
  });
  const rates: number[][] = variants.map(() => []);
  for (let e = 0; e < rounds + warm; e++) {
    for (let q = 0; q < variants.length; q++) {
      const k = (q + e) % variants.length;
      const [, lib, name] = variants[k] as [string, Lib, string];
      lib.setBackend(name);
      const v = await unit(lib, states[k] as S);
      if (e >= warm) rates[k]?.push(v);
    }
  }
  return rates.map((r) => median(r));
}

function report(what: string, unitName: string, medians: number[]): void {
  const one = medians[0] as number;
  const parts = variants.map(([label], i) => `${label} ${(medians[i] as number).toFixed(0)}`);
  const ratios = variants
    .slice(1)
    .map(([label], i) => `${label}/1 thread ${((medians[i + 1] as number) / one).toFixed(3)}`);
  console.log(`${what}: ${unitName} ${parts.join(", ")}; ${ratios.join(", ")}`);
}

console.log(`load average at start: ${loadAverage()}`);
for (const w of workloads) {
  if (w === "W4") {
    for (const [m, k, n] of GEMM_SIZES) {
      const reps = Math.max(2, Math.round(2e8 / (m * k * n)));
      const medians = await alternate(
        2,
        (lib) =>
          [lib.keep(lib.randn([m, k], { seed: 1 })), lib.keep(lib.randn([k, n], { seed: 2 }))] as const,
        (lib, [a, b]) => {
          const t0 = performance.now();
          for (let r = 0; r < reps; r++) lib.tidy(() => a.matmul(b).dataSync());
          return reps / ((performance.now() - t0) / 1000);
        },
      );
      report(`W4 ${m}x${k}x${n}`, "GEMM/s", medians);
    }
    continue;
  }
  // the first four rounds warm V8 up
  const medians = await alternate(
    4,
    (lib) => ({
      m: workloadModel(lib, w),
      x: lib.keep(lib.tensor(xData, w === "W3" ? [N, 28, 28, 1] : [N, 784])),
      y: lib.keep(lib.tensor(yData, [N, 10])),
    }),
    async (lib, { m, x, y }) => {
      const t0 = performance.now();
      if (w === "W5") lib.tidy(() => m.predict(x, { batchSize: N }).dataSync());
      else
        await m.fit(x, y, {
          epochs: 1,
          batchSize: w === "W2" ? TRAIN.W2.batch : TRAIN.W3.batch,
          verbose: 0,
          shuffle: false,
        });
      return N / ((performance.now() - t0) / 1000);
    },
  );
  report(w, "samples/s", medians);
  const { stepStats, policy } = (backendByName("wasm") as unknown as WasmBackend).runtime;
  console.log(
    `  default backend so far: captured-step replays ${stepStats.split} with threads, ${stepStats.alone} alone; kernel classes split ${policy.summary().split} of ${policy.summary().classes}`,
  );
}
console.log(`load average at end: ${loadAverage()}`);
process.exit(0);
