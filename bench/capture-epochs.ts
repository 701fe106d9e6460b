/**
 * Epoch-by-epoch training rates of W1 (MLP 784-128-10, Adam, batch 64) in one fit, with captured
 * steps on and off, alternating whole fits in one process; prints each epoch's samples/s, the median
 * from epoch 2 on, and each epoch against that steady rate.
 *
 *   npx tsx bench/capture-epochs.ts [--epochs 8] [--rounds 2] [--samples 8192] [--threads 2]
 */
import * as bp from "../src/index.js";
import { syntheticDigits, workloadModel } from "./lib/models.js";
import { args, median } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
const epochs = Number(opt.epochs ?? 8);
const rounds = Number(opt.rounds ?? 2);
const N = Number(opt.samples ?? 8192);
bp.setBackend("wasm");
bp.setThreads(Number(opt.threads ?? 2));
const { xData, yData } = syntheticDigits(N);
const x = bp.keep(bp.tensor(xData, [N, 784]));
const y = bp.keep(bp.tensor(yData, [N, 10]));

async function fitRates(capture: boolean): Promise<number[]> {
  const m = workloadModel(bp, "W1");
  const rates: number[] = [];
  let t0 = 0;
  const callbacks = [
    {
      onEpochBegin: () => void (t0 = performance.now()),
      onEpochEnd: () => void rates.push(N / ((performance.now() - t0) / 1000)),
    },
  ];
  await m.fit(x, y, { epochs, batchSize: 64, verbose: 0, shuffle: false, capture, callbacks });
  return rates;
}

const all: Record<string, number[][]> = { capture: [], eager: [] };
for (let r = 0; r < rounds; r++) {
  for (const capture of r % 2 === 0 ? [true, false] : [false, true])
    all[capture ? "capture" : "eager"]!.push(await fitRates(capture));
}
for (const [name, runs] of Object.entries(all)) {
  const perEpoch = Array.from({ length: epochs }, (_, e) => median(runs.map((run) => run[e]!)));
  const steady = median(perEpoch.slice(1));
  const worst = Math.min(...perEpoch.slice(1).map((v) => v / steady));
  console.log(
    `${name}: epochs ${perEpoch.map((v) => v.toFixed(0)).join(", ")} samples/s; steady (median of epochs 2+) ${steady.toFixed(0)}; slowest epoch 2+ at ${(worst * 100).toFixed(0)} % of steady`,
  );
}
const ratio =
  median(all.capture!.flatMap((run) => run.slice(1))) / median(all.eager!.flatMap((run) => run.slice(1)));
console.log(
  `capture / eager, epochs 2+: ${ratio.toFixed(3)} (load average ${(await import("node:os"))
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(" ")})`,
);
process.exit(0);
