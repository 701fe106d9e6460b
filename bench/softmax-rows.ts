/**
 * Per-call time of the wasm log-softmax and softmax cross-entropy row kernels (forward and gradient)
 * on the shapes of a training step (64×10, the digits' logits) and wider rows, called straight
 * through the runtime on one thread. With --compare, the same kernels of another checkout alternate
 * with this tree's, round by round, and the ratio other / this is printed (above 1: this tree faster).
 *
 *   npx tsx bench/softmax-rows.ts [--compare /other/src/index.ts] [--rounds 15]
 */
import { pathToFileURL } from "node:url";
import { createWasmBackend, type WasmBackend } from "../src/backend/wasm/index.js";
import { args, loadAverage, median } from "./lib/spec.js";

type Create = typeof createWasmBackend;
const opt = args(process.argv.slice(2));
const rounds = Number(opt.rounds ?? 15);
const trees: [string, Create][] = [["this tree", createWasmBackend]];
if (opt.compare) {
  const other = pathToFileURL(opt.compare.replace(/index\.ts$/, "backend/wasm/index.ts")).href;
  trees.push(["other", ((await import(other)) as { createWasmBackend: Create }).createWasmBackend]);
}

const SHAPES: [number, number][] = [
  [64, 10],
  [128, 10],
  [64, 1000],
];
const KERNELS = ["logSoftmaxF32", "softmaxXentF32", "softmaxXentGradF32"] as const;

/** µs per call of each kernel on each shape, for one backend: the median of `reps`-call batches. */
function time(be: WasmBackend, rows: number, n: number, kernel: (typeof KERNELS)[number]): number {
  const rt = be.runtime;
  const size = rows * n;
  const blocks = [size, size, rows, size].map((k) => rt.heap.alloc(k * 4, "bench"));
  const [z, y, g, out] = blocks.map((b) => b.ptr) as [number, number, number, number];
  const f = rt.heap.f32();
  for (let i = 0; i < size; i++) {
    f[(z >>> 2) + i] = Math.sin(i * 0.37) * 4;
    f[(y >>> 2) + i] = i % n === 3 ? 1 : 0;
  }
  f.fill(1, g >>> 2, (g >>> 2) + rows);
  const call = (): void => {
    if (kernel === "logSoftmaxF32") rt.run(kernel, 0, z, out, rows, n, 1);
    else if (kernel === "softmaxXentF32") rt.run(kernel, 0, z, y, out, rows, n);
    else rt.run(kernel, 0, z, y, g, out, rows, n);
  };
  const reps = Math.max(20, Math.round(2e6 / size));
  for (let r = 0; r < reps; r++) call();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) call();
  const us = ((performance.now() - t0) * 1000) / reps;
  for (const b of blocks) rt.heap.free(b.ptr, b.cap);
  return us;
}

console.log(`load average at start: ${loadAverage()}`);
const backends = trees.map(([, create]) => create({ threads: 1 }) as WasmBackend);
for (const [rows, n] of SHAPES) {
  for (const kernel of KERNELS) {
    const us: number[][] = trees.map(() => []);
    for (let e = 0; e < rounds; e++) {
      for (let q = 0; q < trees.length; q++) {
        const k = (q + e) % trees.length;
        us[k]?.push(time(backends[k] as WasmBackend, rows, n, kernel));
      }
    }
    const m = us.map((u) => median(u));
    const cells = trees.map(([label], i) => `${label} ${(m[i] as number).toFixed(2)} µs`).join(", ");
    const ratio = m.length > 1 ? `, other / this ${((m[1] as number) / (m[0] as number)).toFixed(2)}` : "";
    console.log(`${kernel} ${rows}×${n}: ${cells}${ratio}`);
  }
}
console.log(`load average at end: ${loadAverage()}`);
process.exit(0);
