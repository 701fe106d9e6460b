/**
 * The zero-skipping product against another checkout of backprop, in one process: products of the
 * shapes W1 and W5 multiply, on the embedded MNIST digits (81 % zeros) and on dense rows, the two
 * trees alternating round by round. Prints each tree's median microseconds per product, the ratio
 * and whether the two results have the same bits.
 *
 *   npx tsx bench/gemm-zeros.ts --compare /path/to/other/src/index.ts [--threads 1] [--rounds 9]
 */
import { pathToFileURL } from "node:url";
import * as bp from "../src/index.js";
import { type Lib } from "./lib/models.js";
import { args, loadAverage, median } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
if (!opt.compare) throw new Error("gemm-zeros: pass --compare <other tree's src/index.ts>");
const threads = Number(opt.threads ?? 1);
const rounds = Number(opt.rounds ?? 9);
const trees: [string, Lib][] = [
  ["this tree", bp],
  ["other", (await import(pathToFileURL(opt.compare).href)) as Lib],
];
for (const [, lib] of trees) {
  lib.setBackend("wasm");
  lib.setThreads(threads);
}

const digits = (await bp.data.mnist()).xTrain.dataSync() as Float32Array;
const dense = new Float32Array(digits.length).map((_, i) => ((i * 7919) % 255) / 255 - 0.3);
/** name, m, k, n, transposed A (the weight gradient's Xᵀ), the rows A is taken from. */
const cases: [string, number, number, number, boolean, Float32Array][] = [
  ["W1 forward 64x784x128, digits", 64, 784, 128, false, digits],
  ["W1 weight gradient 784x64x128, digits", 784, 64, 128, true, digits],
  ["W5 2000x784x128, digits", 2000, 784, 128, false, digits],
  ["W1 forward 64x784x128, dense", 64, 784, 128, false, dense],
  ["W5 2000x784x128, dense", 2000, 784, 128, false, dense],
];

console.log(`load average at start: ${loadAverage()}; ${threads} thread(s)`);
for (const [name, m, k, n, ta, rows] of cases) {
  const aData = rows.subarray(0, m * k);
  const bData = new Float32Array(k * n).map((_, i) => Math.sin(i * 1.3) * 0.1);
  const operands = trees.map(([, lib]) => ({
    lib,
    a: lib.keep(lib.tensor(aData, ta ? [k, m] : [m, k])),
    b: lib.keep(lib.tensor(bData, [k, n])),
  }));
  const reps = Math.max(3, Math.round(3e8 / (2 * m * k * n)));
  const times: number[][] = trees.map(() => []);
  for (let r = 0; r < rounds + 1; r++) {
    operands.forEach(({ lib, a, b }, t) => {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) lib.tidy(() => lib.matmul(a, b, ta, false));
      if (r > 0) times[t]!.push(((performance.now() - t0) / reps) * 1000);
    });
  }
  const results = operands.map(({ lib, a, b }) =>
    lib.tidy(() => lib.matmul(a, b, ta, false).dataSync() as Float32Array),
  );
  const same = results[0]!.every((v, i) => Object.is(v, results[1]![i]));
  const [mine, other] = times.map((t) => median(t)) as [number, number];
  console.log(
    `${name}: this tree ${mine.toFixed(1)} us, other ${other.toFixed(1)} us, ratio ${(other / mine).toFixed(2)}, same bits ${same}`,
  );
}
console.log(`load average at end: ${loadAverage()}`);
process.exit(0);
