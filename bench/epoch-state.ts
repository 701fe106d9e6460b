/**
 * Whether an epoch is slow because of the model's state (its weights and optimizer slots: subnormal
 * moments, dead units) rather than V8's warm-up or the machine: in one process, after warm-up fits, a
 * fresh model and a model already trained for `--ahead` epochs train one epoch each in turn, on the
 * embedded MNIST digits as the speed bench does. Both run the same code at the same warmth and load,
 * so the per-epoch ratio fresh / ahead tells a dip of the state from noise (an A/A pair: `--ahead 0`).
 *
 * It also counts, after each of the fresh model's epochs, the subnormal floats (below 2^-126, which
 * x86 multiplies slowly) among its weights, its optimizer's slots and its predicted probabilities:
 * a count, unlike a time, does not depend on the machine's load.
 *
 *   npx tsx bench/epoch-state.ts [--workload W1|W3] [--epochs 8] [--ahead 8] [--rounds 2] [--threads 1]
 */
import * as bp from "../src/index.js";
import { workloadModel } from "./lib/models.js";
import { args, loadAverage, median, TRAIN } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
const w = (opt.workload ?? "W1") as "W1" | "W3";
const epochs = Number(opt.epochs ?? 8);
const ahead = Number(opt.ahead ?? 8);
const rounds = Number(opt.rounds ?? 2);
bp.setBackend("wasm");
if (opt.threads) bp.setThreads(Number(opt.threads));
bp.setSeed(1);
const data = await bp.data.mnist();
const n = data.xTrain.shape[0] as number;
const x = bp.keep(w === "W3" ? data.xTrain : data.xTrain.reshape([n, 784]));
const y = data.yTrain;

/** How many of the values are subnormal. */
function subnormals(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    if (v !== 0 && v < 2 ** -126) count++;
  }
  return count;
}

/** Subnormals among m's weights, its optimizer's slots and its predicted probabilities of the training digits. */
function stateSubnormals(m: bp.Sequential): string {
  const weights = m.getWeights().reduce((c, t) => c + subnormals(t.dataSync()), 0);
  const slots = m.optimizer!.getState().reduce((c, s) => c + subnormals(s.value.dataSync()), 0);
  const probs = bp.tidy(() => subnormals(m.predict(x, { batchSize: 1000 }).dataSync()));
  return `${weights}/${slots}/${probs}`;
}

/** Seconds of one more epoch of m. */
async function epoch(m: bp.Sequential): Promise<number> {
  const t0 = performance.now();
  await m.fit(x, y, { epochs: 1, batchSize: TRAIN[w].batch, verbose: 0, shuffle: true });
  return (performance.now() - t0) / 1000;
}

await epoch(workloadModel(bp, w)); // V8 warms up on a throwaway model
const ratios: number[][] = [];
for (let r = 0; r < rounds; r++) {
  const fresh = workloadModel(bp, w);
  const old = workloadModel(bp, w);
  for (let e = 0; e < ahead; e++) await epoch(old);
  const row: number[] = [];
  const counts: string[] = [];
  for (let e = 0; e < epochs; e++) {
    // alternate who goes first, so a machine that gets busier hurts both alike
    const first = e % 2 === 0 ? fresh : old;
    const t1 = await epoch(first);
    const t2 = await epoch(first === fresh ? old : fresh);
    const [tFresh, tOld] = first === fresh ? [t1, t2] : [t2, t1];
    row.push(tOld / tFresh);
    if (r === 0) counts.push(stateSubnormals(fresh));
  }
  ratios.push(row);
  if (r === 0)
    console.log(`subnormals (weights/optimizer slots/probabilities) after each epoch: ${counts.join(", ")}`);
}
const perEpoch = Array.from({ length: epochs }, (_, e) => median(ratios.map((row) => row[e]!)));
console.log(
  `${w}: rate of the fresh model's epoch k / the model ${ahead} epochs ahead, in turn (median of ${rounds} rounds):`,
);
console.log(`  ${perEpoch.map((v, e) => `${e + 1}: ${v.toFixed(2)}`).join(", ")}`);
console.log(`  per round: ${ratios.map((row) => row.map((v) => v.toFixed(2)).join(" ")).join(" | ")}`);
console.log(`threads ${bp.getThreads()}; load average ${loadAverage()}`);
process.exit(0);
