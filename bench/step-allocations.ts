/**
 * JavaScript allocated per training step of W1 or W3 (on the embedded MNIST digits, default
 * configuration), by allocating function: V8's sampling heap profiler over one epoch after `--warm`
 * (default 2) warm-up epochs, counting objects that the collector has already freed too. Short-lived objects
 * are what fills V8's young generation (see "What the MEM row's resident memory is made of").
 *
 *   npx tsx bench/step-allocations.ts [--workload W1|W3] [--top 25] [--warm 2]
 */
import { Session } from "node:inspector/promises";
import * as bp from "../src/index.js";
import { workloadModel } from "./lib/models.js";
import { args, TRAIN } from "./lib/spec.js";

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const opt = args(process.argv.slice(2));
const w = (opt.workload ?? "W1") as "W1" | "W3";
bp.setBackend("wasm");
const data = await bp.data.mnist();
const x = w === "W3" ? data.xTrain : data.xTrain.reshape([data.xTrain.shape[0] as number, 784]);
const n = x.shape[0] as number;
const m = workloadModel(bp, w);
const fit = (epochs: number): Promise<unknown> =>
  m.fit(x, data.yTrain, { epochs, batchSize: TRAIN[w].batch, verbose: 0, shuffle: true });
await fit(Number(opt.warm ?? 2));
const session = new Session();
session.connect();
await session.post("HeapProfiler.startSampling", {
  samplingInterval: 512,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
await fit(1);
const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as {
  profile: { head: ProfileNode };
};
const bytes = new Map<string, number>();
let total = 0;
const walk = (node: ProfileNode): void => {
  if (node.selfSize > 0) {
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}`;
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  node.children.forEach(walk);
};
walk(profile.head);
const steps = Math.ceil(n / TRAIN[w].batch);
console.log(
  `${w}: ${(total / 1024).toFixed(0)} KB sampled in one epoch of ${steps} steps, ${(total / steps / 1024).toFixed(1)} KB per step`,
);
for (const [key, b] of [...bytes].sort((a, b2) => b2[1] - a[1]).slice(0, Number(opt.top ?? 25))) {
  console.log(`${(b / 1024).toFixed(0).padStart(7)} KB  ${key}`);
}
process.exit(0);
