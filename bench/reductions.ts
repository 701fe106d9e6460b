/**
 * Speed and accuracy of the reduction kernels: GB/s of float32 sums over 1e7 floats (and a few other
 * shapes, log-softmax included) on the wasm backend with 1 and 2 threads and on the js backend, then
 * the float32 results of the cases that once lost digits, with their error relative to float64.
 * With --compare <path to another tree's src/index.ts> that copy runs too, alternating call by call
 * in this process, and the ratios this tree / other are printed.
 *
 *   npx tsx bench/reductions.ts
 *   npx tsx bench/reductions.ts --rounds 5 --compare /path/to/other/src/index.ts
 */
import { pathToFileURL } from "node:url";
import type * as BP from "../src/index.js";
import { args, median } from "./lib/spec.js";

type Lib = typeof BP;
const opt = args(process.argv.slice(2));
const rounds = Number(opt.rounds ?? 3);
const reps = Number(opt.reps ?? 9);

const libs: [string, Lib][] = [["this tree", await import("../src/index.js")]];
if (opt.compare) libs.push(["other", (await import(pathToFileURL(opt.compare).href)) as Lib]);

interface Case {
  label: string;
  shape: number[];
  run: (t: BP.Tensor, bp: Lib) => BP.Tensor;
}
const CASES: Case[] = [
  { label: "sum [1e7]", shape: [1e7], run: (t) => t.sum() },
  { label: "sum(0) [5e6, 2]", shape: [5e6, 2], run: (t) => t.sum(0) },
  { label: "sum(0) [1e5, 100]", shape: [1e5, 100], run: (t) => t.sum(0) },
  { label: "sum(1) [1e6, 10]", shape: [1e6, 10], run: (t) => t.sum(1) },
  { label: "sum(0) [64, 128] ×1000", shape: [64, 128], run: (t) => t.sum(0) },
  { label: "logSoftmax [1e4, 1e3]", shape: [1e4, 1e3], run: (t, bp) => bp.logSoftmax(t) },
];
const CONFIGS = [
  { name: "wasm 1 thread", backend: "wasm", threads: 1 },
  { name: "wasm 2 threads", backend: "wasm", threads: 2 },
  { name: "js", backend: "js", threads: 1 },
];

/** Seconds of each timed call of c on every library, the libraries alternating call by call. */
function time(c: Case, backend: string, threads: number): number[][] {
  const n = c.shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = ((i * 7919) % 1000) / 1000 - 0.3;
  const repeat = c.label.includes("×1000") ? 1000 : 1;
  const xs = libs.map(([, bp]) => {
    bp.setBackend(backend);
    bp.setThreads(threads);
    return bp.tensor(data, c.shape);
  });
  const times: number[][] = libs.map(() => []);
  const count = (backend === "js" ? 3 : reps) + 2;
  for (let k = 0; k < count; k++) {
    for (let q = 0; q < libs.length; q++) {
      const l = (q + k) % libs.length;
      const bp = (libs[l] as [string, Lib])[1];
      bp.setBackend(backend);
      const t0 = performance.now();
      for (let i = 0; i < repeat; i++) bp.tidy(() => c.run(xs[l] as BP.Tensor, bp).dataSync());
      // the first two calls warm up
      if (k >= 2) times[l]?.push((performance.now() - t0) / 1000 / repeat);
    }
  }
  xs.forEach((x) => x.dispose());
  return times;
}

const results = new Map<string, number[]>();
for (let r = 0; r < rounds; r++) {
  for (const cfg of CONFIGS) {
    for (const c of CASES) {
      time(c, cfg.backend, cfg.threads).forEach((t, l) => {
        const key = `${(libs[l] as [string, Lib])[0]}|${cfg.name}|${c.label}`;
        results.set(key, [...(results.get(key) ?? []), ...t]);
      });
    }
  }
}

console.log(
  `reductions: ${rounds} round(s) of ${reps} calls, medians; GB/s = input bytes / time${libs.length > 1 ? " (this tree, other)" : ""}`,
);
for (const cfg of CONFIGS) {
  for (const c of CASES) {
    const bytes = c.shape.reduce((a, b) => a * b, 4);
    const cells = libs.map(([libName]) => median(results.get(`${libName}|${cfg.name}|${c.label}`) ?? []));
    const gbs = cells.map((s) => (bytes / s / 1e9).toFixed(2).padStart(7));
    const ratio =
      cells.length > 1 ? `  this/other ${((cells[1] as number) / (cells[0] as number)).toFixed(2)}×` : "";
    console.log(`${cfg.name.padEnd(15)} ${c.label.padEnd(24)} ${gbs.join(" ")} GB/s${ratio}`);
  }
}

/** The cases of issue 11, in float32 on the default backend, against their float64 values. */
const f = Math.fround;
const ACCURACY: { label: string; exact: number; run: (bp: Lib) => number }[] = [
  {
    label: "full([1e7], 1.1).sum()",
    exact: f(1.1) * 1e7,
    run: (bp) => bp.full([1e7], 1.1).sum().dataSync()[0] as number,
  },
  {
    label: "full([1e6], 0.1).mean()",
    exact: f(0.1),
    run: (bp) => bp.full([1e6], 0.1).mean().dataSync()[0] as number,
  },
  {
    label: "full([1e6, 2], 1.1).mean(0)",
    exact: f(1.1),
    run: (bp) => bp.full([1e6, 2], 1.1).mean(0).dataSync()[0] as number,
  },
  {
    label: "softmax([1e5, 1e5])",
    exact: 0.5,
    run: (bp) => bp.softmax(bp.tensor([1e5, 1e5])).dataSync()[0] as number,
  },
  {
    label: "logSoftmax([1e4, 1e4])",
    exact: -Math.LN2,
    run: (bp) => bp.logSoftmax(bp.tensor([1e4, 1e4])).dataSync()[0] as number,
  },
  {
    label: "logSoftmax([1e30, 1e30])",
    exact: -Math.LN2,
    run: (bp) => bp.logSoftmax(bp.tensor([1e30, 1e30])).dataSync()[0] as number,
  },
];
for (const threads of [1, 2]) {
  console.log(`\naccuracy on wasm, ${threads} thread(s): value (relative error against float64)`);
  for (const a of ACCURACY) {
    const cells = libs.map(([, bp]) => {
      bp.setBackend("wasm");
      bp.setThreads(threads);
      const v = bp.tidy(() => a.run(bp));
      return `${v.toPrecision(8)} (${(Math.abs(v - a.exact) / Math.abs(a.exact)).toExponential(1)})`;
    });
    console.log(`${a.label.padEnd(30)} ${cells.map((s) => s.padEnd(28)).join(" ")}`);
  }
}
process.exit(0);
