/**
 * What fit's yields to the event loop cost: one epoch of W1 (MLP 784→128→10, Adam, batch 64, 8,000
 * digits) and of W3's CNN on 2,000 digits, with the yield slice at 25 ms (the default), never (how fit
 * ran before it yielded) and after every batch. The settings alternate within each round, so a
 * machine that gets busier hurts them alike; medians over rounds and ratios to "never" are printed.
 *
 *   npx tsx bench/fit-yield.ts               # 5 rounds
 *   npx tsx bench/fit-yield.ts --rounds 9
 */
import * as bp from "../src/index.js";
import { setYieldSlice } from "../src/model/pacer.js";
import { workloadModel } from "./lib/models.js";
import { args, median } from "./lib/spec.js";

const rounds = Number(args(process.argv.slice(2)).rounds ?? 5);
const settings: [string, number][] = [
  ["never", Infinity],
  ["25 ms", 25],
  ["every batch", 0],
];

const mnist = await bp.data.mnist();
const flat = (x: bp.Tensor, n: number): bp.Tensor => x.slice(0, n).reshape([n, 784]);

const workloads = [
  { name: "W1 MLP, 8,000 digits", x: flat(mnist.xTrain, 8000), y: mnist.yTrain.slice(0, 8000), id: "W1" },
  { name: "W3 CNN, 2,000 digits", x: mnist.xTrain.slice(0, 2000), y: mnist.yTrain.slice(0, 2000), id: "W3" },
];

console.log(
  `fit's event-loop yields: backend ${bp.getBackend()}, ${rounds} rounds, median seconds per epoch`,
);
for (const w of workloads) {
  const times = new Map<string, number[]>(settings.map(([k]) => [k, []]));
  for (let r = -1; r < rounds; r++) {
    // rotate the order each round; round -1 warms up and is not counted
    const order = settings.map((_, i) => settings[(i + Math.max(r, 0)) % settings.length]!);
    for (const [label, slice] of order) {
      bp.setSeed(1);
      const model = workloadModel(bp, w.id); // compiled with Adam 1e-3
      const previous = setYieldSlice(slice);
      const t0 = performance.now();
      await model.fit(w.x, w.y, { epochs: 1, batchSize: 64, verbose: 0, seed: 1 });
      const seconds = (performance.now() - t0) / 1000;
      setYieldSlice(previous);
      if (r >= 0) times.get(label)!.push(seconds);
    }
  }
  const base = median(times.get("never")!);
  const row = settings.map(
    ([k]) => `${k} ${median(times.get(k)!).toFixed(3)} s (×${(median(times.get(k)!) / base).toFixed(3)})`,
  );
  console.log(`${w.name}: ${row.join(", ")}`);
}
