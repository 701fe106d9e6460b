/**
 * `npm run bench`: backprop (wasm and js backends, model and low-level APIs) against TensorFlow.js
 * (cpu and wasm backends) and PyTorch (Debian's python3-torch, with OpenBLAS when installed) on the
 * workloads of bench/lib/spec.ts. Every (library, workload) runs in its own process; libraries
 * alternate within each workload, and with --rounds N the whole sweep repeats N times (medians of
 * the rounds are reported). Prints the table of medians, the ratios of backprop-wasm to each library,
 * and the issue's targets.
 *
 *   npm run bench                         # everything, one round
 *   npm run bench -- --rounds 3 --workloads W1,W3 --libs backprop-wasm,pytorch
 *   npm run bench -- --markdown bench/results.md
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as bp from "../src/index.js";
import { args, median, type Result, type WorkloadId } from "./lib/spec.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const opt = args(process.argv.slice(2));
const rounds = Number(opt.rounds ?? 1);
const WORKLOADS: WorkloadId[] = ["W1", "W2", "W3", "W4", "W5", "MEM"];
const workloads = (opt.workloads?.split(",") ?? WORKLOADS) as WorkloadId[];
const OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread";
const PYTHON = "/usr/bin/python3";

interface Lib {
  name: string;
  /** Command for one workload; undefined when the library does not run it here. */
  command(w: WorkloadId): { cmd: string; argv: string[]; env?: Record<string, string> } | undefined;
  skip?: string;
}

const node = (file: string, extra: string[]) => (w: WorkloadId) => ({
  cmd: process.execPath,
  argv: ["--expose-gc", "--import", "tsx", join(root, "bench/workloads", file), "--workload", w, ...extra],
});
/** Slow libraries train on part of the digits per epoch (the rate is what is reported). */
const few = (w: WorkloadId, n: number, cnn = n): string[] =>
  w === "W1" || w === "W2" ? ["--samples", String(n)] : w === "W3" ? ["--samples", String(cnn)] : [];
const training = (w: WorkloadId): boolean => w === "W1" || w === "W2" || w === "W3";

function torchAvailable(): string | undefined {
  if (!existsSync(PYTHON)) return "no /usr/bin/python3";
  const r = spawnSync(PYTHON, ["-c", "import torch, numpy"], { encoding: "utf8" });
  return r.status === 0
    ? undefined
    : "python3-torch is not installed (apt-get install -y python3-torch libopenblas0-pthread)";
}

let dataDir = "";
const LIBS: Lib[] = [
  { name: "backprop-wasm", command: (w) => node("backprop.ts", ["--backend", "wasm"])(w) },
  {
    name: "backprop-wasm (low-level)",
    command: (w) => (training(w) ? node("backprop.ts", ["--backend", "wasm", "--api", "low"])(w) : undefined),
  },
  {
    name: "backprop-wasm (plain SIMD)",
    command: (w) =>
      w === "W4" || w === "W1"
        ? node("backprop.ts", ["--backend", "wasm", "--build", "plain"])(w)
        : undefined,
  },
  {
    name: "backprop-js",
    command: (w) => (w === "MEM" ? undefined : node("backprop.ts", ["--backend", "js", ...few(w, 2000)])(w)),
  },
  { name: "tfjs-wasm", command: (w) => node("tfjs.ts", ["--backend", "wasm"])(w) },
  {
    name: "tfjs-cpu",
    command: (w) =>
      w === "MEM" ? undefined : node("tfjs.ts", ["--backend", "cpu", ...few(w, 1000, 128)])(w),
  },
  ...[cpus().length, 1].map((threads, i) => ({
    name: i === 0 ? "pytorch" : "pytorch (1 thread)",
    skip: torchAvailable(),
    command: (w: WorkloadId) => ({
      cmd: PYTHON,
      argv: [
        join(root, "bench/workloads/torch_bench.py"),
        "--data",
        dataDir,
        "--workload",
        w,
        "--threads",
        String(threads),
      ],
      env: existsSync(OPENBLAS) ? { LD_LIBRARY_PATH: OPENBLAS } : ({} as Record<string, string>),
    }),
  })),
];
const libs = LIBS.filter((l) => !opt.libs || opt.libs.split(",").includes(l.name));

async function exportDigits(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bp-bench-"));
  const d = await bp.data.mnist();
  const raw = (t: bp.Tensor): Buffer => Buffer.from((t.dataSync() as Float32Array).buffer);
  writeFileSync(join(dir, "x_train.f32"), raw(d.xTrain));
  writeFileSync(join(dir, "y_train.f32"), raw(d.yTrain));
  writeFileSync(join(dir, "x_test.f32"), raw(d.xTest));
  return dir;
}

function runOne(lib: Lib, w: WorkloadId): Result[] {
  const c = lib.command(w);
  if (!c) return [];
  const t0 = performance.now();
  const r = spawnSync(c.cmd, c.argv, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...c.env },
    timeout: 30 * 60_000,
    maxBuffer: 1 << 26,
  });
  const out = (r.stdout ?? "")
    .split("\n")
    .filter((l) => l.startsWith("@@result "))
    .map((l) => JSON.parse(l.slice(9)) as Result);
  if (out.length === 0) {
    const why = r.error?.message ?? (r.stderr ?? "").trim().split("\n").slice(-1)[0] ?? `exit ${r.status}`;
    out.push({ lib: lib.name, workload: w, row: "error", unit: "", error: why });
  }
  for (const res of out) res.lib = lib.name;
  const summary = out
    .map((o) => (o.error ? `error: ${o.error}` : `${o.row} ${o.value?.toFixed(1)} ${o.unit}`))
    .join("; ");
  console.error(`  ${w} ${lib.name}: ${summary} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return out;
}

const LABELS: Record<WorkloadId, string> = {
  W1: "W1 MLP 784-128-10, batch 64 (train samples/s)",
  W2: "W2 MLP 784-512-512-10, batch 128 (train samples/s)",
  W3: "W3 CNN 8c5-p2-16c5-p2-10, batch 64 (train samples/s)",
  W4: "W4 GEMM (GFLOP/s)",
  W5: "W5 inference of W1, 2,000 digits (samples/s)",
  MEM: "memory, W1 (MB resident unless named)",
};

function fmt(v: number): string {
  return v >= 1000 ? Math.round(v).toLocaleString("en-US") : v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

async function main(): Promise<void> {
  if (libs.some((l) => l.name.startsWith("pytorch") && !l.skip)) dataDir = await exportDigits();
  console.error(
    `bench: ${rounds} round(s) on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`,
  );
  const results: Result[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const w of workloads) {
      const order = libs.filter((l) => !l.skip);
      for (let i = 0; i < order.length; i++) results.push(...runOne(order[(i + r) % order.length] as Lib, w));
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  report(results);
}

function report(results: Result[]): void {
  const names = libs.map((l) => l.name);
  const rows: { key: string; label: string }[] = [];
  for (const w of workloads) {
    const seen = [...new Set(results.filter((r) => r.workload === w && r.row !== "error").map((r) => r.row))];
    if (seen.length === 0) seen.push(w === "W4" ? "64×784×128" : "train");
    for (const row of seen)
      rows.push({ key: `${w}|${row}`, label: w === "W4" || w === "MEM" ? `${LABELS[w]} ${row}` : LABELS[w] });
  }
  const cell = (key: string, lib: string): { v?: number; text: string; note?: string } => {
    const [w, row] = key.split("|");
    const mine = results.filter((r) => r.lib === lib && r.workload === w);
    const vals = mine.filter((r) => r.row === row && r.value !== undefined).map((r) => r.value as number);
    if (vals.length > 0)
      return { v: median(vals), text: fmt(median(vals)), note: mine.find((r) => r.row === row)?.note };
    const err = mine.find((r) => r.error);
    if (err) return { text: `error: ${err.error}` };
    const skip = libs.find((l) => l.name === lib)?.skip;
    return { text: skip ? "not installed" : "—" };
  };
  const lines: string[] = [];
  lines.push(`| workload | ${names.join(" | ")} |`, `|---|${names.map(() => "---:").join("|")}|`);
  for (const { key, label } of rows) {
    lines.push(
      `| ${label} | ${names
        .map((n) => {
          const c = cell(key, n);
          return c.note ? `${c.text} (${c.note})` : c.text;
        })
        .join(" | ")} |`,
    );
  }
  const base = "backprop-wasm";
  const others = names.filter((n) => n !== base);
  lines.push(
    "",
    `Ratios: ${base} ÷ each library (higher is better for ${base}; memory rows: lower RSS is better).`,
    "",
  );
  lines.push(`| workload | ${others.join(" | ")} |`, `|---|${others.map(() => "---:").join("|")}|`);
  for (const { key, label } of rows) {
    const mine = cell(key, base).v;
    lines.push(
      `| ${label} | ${others
        .map((n) => {
          const o = cell(key, n).v;
          return mine !== undefined && o !== undefined ? `${(mine / o).toFixed(2)}×` : "—";
        })
        .join(" | ")} |`,
    );
  }
  const v = (w: string, row: string, lib: string): number | undefined => cell(`${w}|${row}`, lib).v;
  const ratio = (w: string, lib: string): number | undefined => {
    const a = v(w, "train", base) ?? v(w, "predict", base);
    // PyTorch: its faster configuration (its two threads can lose to one on a busy machine)
    const of = (l: string): number | undefined => v(w, "train", l) ?? v(w, "predict", l);
    const b =
      lib === "pytorch" ? Math.max(of("pytorch") ?? 0, of("pytorch (1 thread)") ?? 0) || undefined : of(lib);
    return a !== undefined && b !== undefined ? a / b : undefined;
  };
  const check = (what: string, got: number | undefined, want: number, unit = "×"): string =>
    `- ${what}: ${got === undefined ? "not measured" : `${got.toFixed(2)}${unit}`} (target ≥ ${want}${unit}) ${got === undefined ? "" : got >= want ? "✓" : "✗"}`;
  // growth per run (epoch 1 and epoch 20 of the same process), median over rounds
  const mem = (row: string): number[] =>
    results
      .filter((r) => r.lib === base && r.workload === "MEM" && r.row === row && r.value !== undefined)
      .map((r) => r.value as number);
  const growth = mem("epoch 1")
    .map((first, i) => ((mem("epoch 20")[i] ?? NaN) - first) / first)
    .filter((g) => Number.isFinite(g));
  lines.push(
    "",
    "Targets of issue 6 (PyTorch: the faster of its two configurations):",
    "",
    check("W1 vs PyTorch", ratio("W1", "pytorch"), 1.0),
    check("W1 vs tfjs-wasm", ratio("W1", "tfjs-wasm"), 4),
    check("W2 vs PyTorch", ratio("W2", "pytorch"), 0.6),
    check("W3 vs PyTorch", ratio("W3", "pytorch"), 1.0),
    check("W5 vs tfjs-wasm", ratio("W5", "tfjs-wasm"), 2),
    check("W4 1024³, 2 threads", v("W4", "1024×1024×1024", base), 60, " GFLOP/s"),
    `- W4 1024³, plain SIMD build: ${v("W4", "1024×1024×1024", "backprop-wasm (plain SIMD)")?.toFixed(1) ?? "not measured"} GFLOP/s`,
    `- memory growth epoch 1 → 20 (median of runs): ${growth.length ? `${(median(growth) * 100).toFixed(1)} % (target ≤ 5 %) ${median(growth) <= 0.05 ? "✓" : "✗"}` : "not measured (target ≤ 5 %)"}`,
    ...["V8 heap", "WebAssembly memory", "tensors"].map((owner) => {
      const notes = results
        .filter((r) => r.lib === base && r.workload === "MEM" && r.row.endsWith(`, ${owner}`))
        .map((r) => r.note);
      return `  - ${owner} of ${base} by epoch, MB: ${notes.length ? notes.join("; ") : "not measured"}`;
    }),
  );
  const text = lines.join("\n");
  console.log(text);
  if (opt.markdown) writeFileSync(opt.markdown, `${text}\n`);
}

await main();
process.exit(0);
