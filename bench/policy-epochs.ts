/**
 * The thread policy epoch by epoch in one fit of W1 or W3 (embedded MNIST digits, default
 * configuration): per share-able kernel, how many calls ran split and alone and their mean µs, and
 * for the slots of the costliest kernels their verdict, re-timing interval and the samples each way
 * holds (ns per unit of work). Shows how soon the verdicts settle after start-up or a change of load.
 *
 *   npx tsx bench/policy-epochs.ts [--workload W1|W3] [--epochs 8] [--kernels 2]
 */
import * as bp from "../src/index.js";
import { PolicySlot } from "../src/backend/wasm/policy.js";
import { SHARE_FNS, WasmRuntime } from "../src/backend/wasm/runtime.js";
import { workloadModel } from "./lib/models.js";
import { args, loadAverage, TRAIN } from "./lib/spec.js";

interface SlotView {
  split: boolean;
  interval: number;
  calls: number;
  samples: readonly [Float64Array, Float64Array];
  counts: Int32Array;
}
interface KernelEpoch {
  split: number;
  alone: number;
  splitMs: number;
  aloneMs: number;
  slots: Set<PolicySlot>;
}

const opt = args(process.argv.slice(2));
const w = (opt.workload ?? "W1") as "W1" | "W3";
bp.setBackend("wasm");
bp.setSeed(1);
const data = await bp.data.mnist();
const n = data.xTrain.shape[0] as number;
const x = bp.keep(w === "W3" ? data.xTrain : data.xTrain.reshape([n, 784]));

// watch the policy's choices without changing them: the last slot asked and its answer
const last: { chosen?: { slot: PolicySlot; split: boolean } } = {};
const choose = PolicySlot.prototype.choose;
PolicySlot.prototype.choose = function (this: PolicySlot): boolean {
  const split = choose.call(this);
  last.chosen = { slot: this, split };
  return split;
};
/** The answer recorded during the call (a function, so the compiler does not narrow it to the reset value). */
const lastChosen = (): { slot: PolicySlot; split: boolean } | undefined => last.chosen;
const kernels = new Map<string, KernelEpoch>();
// replays of captured steps call the shares from their noted calls, not through runShares: watch shareCall
type ShareCall = (index: number, work: number, shares: number, alone: number, args: number[]) => void;
const proto = WasmRuntime.prototype as unknown as { shareCall: ShareCall };
const shareCall = proto.shareCall;
proto.shareCall = function (this: WasmRuntime, index, work, shares, alone, rest) {
  last.chosen = undefined;
  const t0 = performance.now();
  shareCall.call(this, index, work, shares, alone, rest);
  const ms = performance.now() - t0;
  const chosen = lastChosen();
  if (!chosen) return;
  const name = SHARE_FNS[index] as string;
  const k = kernels.get(name) ?? { split: 0, alone: 0, splitMs: 0, aloneMs: 0, slots: new Set<PolicySlot>() };
  if (chosen.split) [k.split, k.splitMs] = [k.split + 1, k.splitMs + ms];
  else [k.alone, k.aloneMs] = [k.alone + 1, k.aloneMs + ms];
  k.slots.add(chosen.slot);
  kernels.set(name, k);
};

const ring = (xs: Float64Array, count: number): string =>
  [...xs.subarray(0, Math.min(count, xs.length))].map((v) => v.toFixed(2)).join(" ");
const mean = (ms: number, calls: number): string => (calls ? `${((ms / calls) * 1000).toFixed(0)} µs` : "-");

function report(epoch: number, ms: number): void {
  const top = [...kernels].sort((a, b) => b[1].splitMs + b[1].aloneMs - a[1].splitMs - a[1].aloneMs);
  const calls = top.map(
    ([name, k]) =>
      `${name} split ${k.split} (${mean(k.splitMs, k.split)}), alone ${k.alone} (${mean(k.aloneMs, k.alone)})`,
  );
  console.log(`epoch ${epoch}: ${ms.toFixed(0)} ms; ${calls.join("; ")}`);
  for (const [name, k] of top.slice(0, Number(opt.kernels ?? 2))) {
    for (const slot of k.slots) {
      const s = slot as unknown as SlotView;
      const [a, b] = [s.counts[0]!, s.counts[1]!];
      console.log(
        `  ${name}: ${s.split ? "split" : "alone"}, re-time every ${s.interval}; alone [${ring(s.samples[0], a)}] split [${ring(s.samples[1], b)}]`,
      );
    }
  }
  kernels.clear();
}

const m = workloadModel(bp, w);
let t0 = performance.now();
const onEpochEnd = (e: number): void => {
  const t = performance.now();
  report(e + 1, t - t0);
  t0 = performance.now();
};
await m.fit(x, data.yTrain, {
  epochs: Number(opt.epochs ?? 8),
  batchSize: TRAIN[w].batch,
  verbose: 0,
  shuffle: true,
  callbacks: [{ onEpochEnd }],
});
console.log(`threads ${bp.getThreads()}; load average ${loadAverage()}`);
process.exit(0);
