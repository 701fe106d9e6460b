/**
 * This tree against another checkout of backprop, in one process: the W1–W3 models (model API, wasm
 * backend) train epoch by epoch on synthetic digits, the two trees alternating epoch by epoch, so a
 * machine that gets busier hurts both alike; W5 predicts likewise. Prints medians and the ratio
 * this / other. For changes to kernels, where separate processes on a shared machine vary more
 * between runs than the change does.
 *
 *   npx tsx bench/compare-trees.ts --compare /path/to/other/src/index.ts [--workloads W1,W3] [--threads 1] [--epochs 20]
 */
import { pathToFileURL } from "node:url";
import { type Lib, syntheticDigits, workloadModel } from "./lib/models.js";
import { args, median, TRAIN } from "./lib/spec.js";
const opt = args(process.argv.slice(2));
if (!opt.compare) throw new Error("compare-trees: pass --compare <other tree's src/index.ts>");
const threads = Number(opt.threads ?? 2);
const epochs = Number(opt.epochs ?? 20);
const workloads = (opt.workloads ?? "W1,W2,W3,W5").split(",");
const N = 1024;
const libs: [string, Lib][] = [
  ["this tree", await import("../src/index.js")],
  ["other", (await import(pathToFileURL(opt.compare).href)) as Lib],
];

const { xData, yData } = syntheticDigits(N);

for (const w of workloads) {
  const batch = w === "W2" ? TRAIN.W2.batch : 64;
  const setups = libs.map(([, bp]) => {
    bp.setBackend("wasm");
    bp.setThreads(threads);
    const x = bp.keep(bp.tensor(xData, w === "W3" ? [N, 28, 28, 1] : [N, 784]));
    return { bp, m: workloadModel(bp, w), x, y: bp.keep(bp.tensor(yData, [N, 10])) };
  });
  const rates: number[][] = libs.map(() => []);
  for (let e = 0; e < epochs + 4; e++) {
    for (let q = 0; q < libs.length; q++) {
      const k = (q + e) % libs.length;
      const s = setups[k] as (typeof setups)[number];
      s.bp.setBackend("wasm");
      const t0 = performance.now();
      if (w === "W5") s.bp.tidy(() => s.m.predict(s.x, { batchSize: N }).dataSync());
      else await s.m.fit(s.x, s.y, { epochs: 1, batchSize: batch, verbose: 0, shuffle: false });
      // the first four epochs warm V8 up
      if (e >= 4) rates[k]?.push(N / ((performance.now() - t0) / 1000));
    }
  }
  const [a, b] = rates.map((r) => median(r)) as [number, number];
  console.log(
    `${w} ${threads} thread(s), ${epochs} alternating epochs of ${N}: samples/s this tree ${a.toFixed(0)}, other ${b.toFixed(0)}, ratio ${(a / b).toFixed(3)}`,
  );
}
process.exit(0);
