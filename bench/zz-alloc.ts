import * as bp from "../src/index.js";
import { Session } from "node:inspector/promises";
import { workloadModel } from "./lib/models.js";
bp.setBackend("wasm");
const data = await bp.data.mnist();
const n = 8000;
const x = bp.keep(data.xTrain.slice([0, 0, 0, 0], [n, 28, 28, 1]).reshape([n, 784]));
const y = bp.keep(data.yTrain.slice([0, 0], [n, 10]));
const m = workloadModel(bp, process.argv[2] ?? "W1");
await m.fit(process.argv[2] === "W3" ? x.reshape([n, 28, 28, 1]) : x, y, { epochs: 2, batchSize: 64, verbose: 0, shuffle: true });
const s = new Session();
s.connect();
await s.post("HeapProfiler.startSampling", { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const h0 = process.memoryUsage().heapUsed;
await m.fit(process.argv[2] === "W3" ? x.reshape([n, 28, 28, 1]) : x, y, { epochs: 1, batchSize: 64, verbose: 0, shuffle: true });
const { profile } = (await s.post("HeapProfiler.stopSampling")) as { profile: { head: Node } };
interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const rows = new Map<string, number>();
let total = 0;
const walk = (nd: Node) => {
  if (nd.selfSize) {
    const k = `${nd.callFrame.functionName || "(anon)"} ${nd.callFrame.url.split("/").slice(-2).join("/")}:${nd.callFrame.lineNumber + 1}`;
    rows.set(k, (rows.get(k) ?? 0) + nd.selfSize);
    total += nd.selfSize;
  }
  nd.children.forEach(walk);
};
walk(profile.head);
console.log(`total sampled ${(total / 1024).toFixed(0)} KB for one epoch (${Math.ceil(n / 64)} steps): ${(total / Math.ceil(n / 64) / 1024).toFixed(1)} KB/step`);
[...rows].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(`${(v / 1024).toFixed(0).padStart(6)} KB  ${k}`));
process.exit(0);
