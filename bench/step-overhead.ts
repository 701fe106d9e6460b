/**
 * What a training step costs besides its kernels, epoch by epoch from a fresh process: a model so
 * small (16 → 8 → 4, batch 64, 8,000 rows, Adam, shuffled) that a step is almost all JavaScript and
 * calls into the module, with W1's 125 steps per epoch and W1's layers, loss and optimizer, so V8
 * warms the same code at the same pace. The first epochs run it interpreted and through generic
 * wrappers until TurboFan has optimized it; the gap between an epoch and the warm cost is what the
 * fit loop's own code adds to a real model's epoch while V8 warms up (the ramp of issue 15).
 *
 * Each fit runs in a process of its own; with --compare, fits of this tree and another checkout
 * alternate, round by round. Prints the median µs per step of each epoch and the ratio of the trees.
 *
 *   npx tsx bench/step-overhead.ts [--rounds 5] [--epochs 8] [--threads 1] [--compare /other/src/index.ts]
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Lib } from "./lib/models.js";
import { args, freshChild, loadAverage, median } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
const epochs = Number(opt.epochs ?? 8);
const rounds = Number(opt.rounds ?? 5);
const STEPS = 125;

/** µs per step of each epoch of one fit of the small model with the library at `entry`. */
async function stepCosts(entry: string): Promise<number[]> {
  const bp = (await import(pathToFileURL(entry).href)) as Lib;
  bp.setBackend("wasm");
  if (opt.threads) bp.setThreads(Number(opt.threads));
  bp.setSeed(1);
  const n = STEPS * 64;
  const x = bp.keep(
    bp.tensor(
      Float32Array.from({ length: n * 16 }, (_, i) => ((i * 7919) % 255) / 255),
      [n, 16],
    ),
  );
  const y = bp.keep(
    bp.tensor(
      Float32Array.from({ length: n * 4 }, (_, i) => (i % 4 === (Math.floor(i / 4) * 3) % 4 ? 1 : 0)),
      [n, 4],
    ),
  );
  const m = bp.sequential([
    bp.layers.dense({ units: 8, activation: "relu", inputShape: [16] }),
    bp.layers.dense({ units: 4, activation: "softmax" }),
  ]);
  m.compile({ optimizer: bp.optimizers.adam({ learningRate: 1e-3 }), loss: "categoricalCrossentropy" });
  const costs: number[] = [];
  let t0 = 0;
  await m.fit(x, y, {
    epochs,
    batchSize: 64,
    verbose: 0,
    shuffle: true,
    callbacks: [
      {
        onEpochBegin: () => void (t0 = performance.now()),
        onEpochEnd: () => void costs.push(((performance.now() - t0) * 1000) / STEPS),
      },
    ],
  });
  return costs;
}

if (opt.child !== undefined) {
  console.log(`@@costs ${JSON.stringify(await stepCosts(opt.child))}`);
  process.exit(0);
}

function fresh(entry: string): number[] {
  return freshChild(fileURLToPath(import.meta.url), [...process.argv.slice(2), "--child", entry], "costs");
}

const trees: [string, string][] = [["this tree", fileURLToPath(new URL("../src/index.ts", import.meta.url))]];
if (opt.compare) trees.push(["other", opt.compare]);
console.log(
  `load average at start: ${loadAverage()}; ${rounds} fresh fits per tree, ${epochs} epochs of ${STEPS} steps`,
);
const runs = trees.map(() => [] as number[][]);
for (let r = 0; r < rounds; r++) {
  const order = trees.map((_, i) => i);
  if (r % 2 === 1) order.reverse();
  for (const i of order) runs[i]!.push(fresh(trees[i]![1]));
}
const perEpoch = runs.map((rs) => Array.from({ length: epochs }, (_, e) => median(rs.map((c) => c[e]!))));
trees.forEach(([name], i) => {
  const costs = perEpoch[i]!;
  const warm = median(costs.slice(Math.floor(epochs / 2)));
  console.log(
    `${name}: µs per step by epoch ${costs.map((c) => c.toFixed(0)).join(", ")}; warm (median of the last half) ${warm.toFixed(0)}`,
  );
});
if (trees.length > 1) {
  const ratio = perEpoch[1]!.map((c, e) => c / perEpoch[0]![e]!);
  console.log(`other / this tree per epoch: ${ratio.map((r) => r.toFixed(2)).join(", ")}`);
}
console.log(`load average at end: ${loadAverage()}`);
