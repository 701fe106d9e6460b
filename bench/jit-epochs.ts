/**
 * V8's optimizing compiler epoch by epoch in one fit of W1 or W3 (embedded MNIST digits, default
 * configuration): per epoch, the functions TurboFan finished, their background milliseconds and the
 * deoptimizations, from `--trace-opt --trace-deopt` of a child process. Counts, unlike rates, hardly
 * move with the machine's load; a function optimized late, or deoptimized and optimized again, runs
 * interpreted in the epochs before (and its compilation shares the cores with the helper threads).
 *
 *   npx tsx bench/jit-epochs.ts [--workload W1|W3] [--epochs 8] [--watch runOps,runEpoch] [--top 5]
 *                               [--runs 1] [--sync]
 *
 * `--top N` lists each epoch's N costliest compilations by function and source file (anonymous
 * functions by their file), the way to see what V8 still compiles after the first epoch. `--runs N`
 * traces N fits and prints medians (per epoch, and of epochs 2 on) and the costliest functions after
 * the first epoch. `--sync` compiles on the main thread (`--no-concurrent-recompilation`): the
 * milliseconds are then the compiler's own, not stretched by threads sharing the cores, which makes
 * two trees' figures comparable on a noisy machine.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { args, median } from "./lib/spec.js";

const opt = args(process.argv.slice(2));
const w = opt.workload ?? "W1";
const epochs = Number(opt.epochs ?? 8);
const watch = (opt.watch ?? "runOps,replay,runEpoch,batchEnd,tidy").split(",");
const top = Number(opt.top ?? 0);

if (opt.child) {
  const bp = await import("../src/index.js");
  const { workloadModel } = await import("./lib/models.js");
  const { TRAIN } = await import("./lib/spec.js");
  bp.setBackend("wasm");
  const data = await bp.data.mnist();
  const n = data.xTrain.shape[0] as number;
  const x = bp.keep(w === "W3" ? data.xTrain : data.xTrain.reshape([n, 784]));
  const m = workloadModel(bp, w);
  console.log("@@epoch 1");
  const onEpochEnd = (e: number): void => console.log(`@@epoch ${e + 2}`);
  await m.fit(x, data.yTrain, {
    epochs,
    batchSize: TRAIN[w as "W1" | "W3"].batch,
    verbose: 0,
    shuffle: true,
    callbacks: [{ onEpochEnd }],
  });
  process.exit(0);
}

const me = fileURLToPath(import.meta.url);
const runs = Number(opt.runs ?? 1);
const sync = opt.sync !== undefined;

interface Epoch {
  compiled: number;
  ms: number;
  deopts: number;
  events: string[];
  /** Background milliseconds by function (name and source file). */
  byFunction: Map<string, number>;
}
const root = new URL("../", import.meta.url).href;

/** One fit in a child process under V8's traces: each epoch's compilations and deoptimizations. */
function traceOneFit(): Epoch[] {
  const r = spawnSync(
    process.execPath,
    [
      "--trace-opt",
      "--trace-deopt",
      "--trace-file-names",
      ...(sync ? ["--no-concurrent-recompilation"] : []),
      "--import",
      "tsx",
      me,
      "--child",
      "1",
      "--workload",
      w,
      "--epochs",
      String(epochs),
    ],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const rows: Epoch[] = [];
  let cur: Epoch | undefined;
  for (const line of r.stdout.split("\n")) {
    const e = /^@@epoch (\d+)/.exec(line);
    if (e) {
      cur = { compiled: 0, ms: 0, deopts: 0, events: [], byFunction: new Map() };
      if (Number(e[1]) <= epochs) rows.push(cur);
      continue;
    }
    if (!cur) continue;
    // "<JSFunction name <file> (sfi = …)>", or "<JSFunction <file> (sfi = …)>" for an anonymous one
    const fn = /<JSFunction (?:([^ <>(]+) )?<([^>]*)>/.exec(line);
    const name = fn ? (fn[1] ?? "") : (/<JSFunction ([^ >(]*)/.exec(line)?.[1] ?? "");
    const done = /completed compiling .*took [\d.]+, ([\d.]+),/.exec(line);
    if (done) {
      cur.compiled++;
      cur.ms += Number(done[1]);
      const label = `${name || "(anonymous)"} (${(fn?.[2] ?? "?").replace(root, "")})`;
      cur.byFunction.set(label, (cur.byFunction.get(label) ?? 0) + Number(done[1]));
      if (watch.includes(name)) cur.events.push(`${name} optimized`);
    } else if (line.includes("bailout (kind: deopt")) {
      cur.deopts++;
      const why = /reason: ([^)]*)\)/.exec(line)?.[1] ?? "?";
      if (watch.includes(name)) cur.events.push(`${name} deoptimized (${why})`);
    }
  }
  return rows;
}

const fits = Array.from({ length: runs }, traceOneFit);
if (runs === 1) {
  fits[0]!.forEach((row, i) => {
    console.log(
      `${w} epoch ${i + 1}: ${row.compiled} functions optimized (${row.ms.toFixed(0)} ms${sync ? "" : " in the background"}), ${row.deopts} deoptimizations${row.events.length ? `; ${row.events.join(", ")}` : ""}`,
    );
    const costliest = [...row.byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [label, ms] of costliest) console.log(`    ${ms.toFixed(1)} ms  ${label}`);
  });
} else {
  // medians over the fits: per epoch, and of the whole compilation after the first epoch
  for (let i = 0; i < epochs; i++) {
    const ms = fits.map((f) => f[i]?.ms ?? 0);
    console.log(
      `${w} epoch ${i + 1}: ${median(ms).toFixed(1)} ms of compilation (median of ${runs} fits; ${ms.map((m) => m.toFixed(1)).join(", ")})`,
    );
  }
  const later = fits.map((f) => f.slice(1).reduce((a, row) => a + row.ms, 0));
  console.log(
    `${w} epochs 2-${epochs}: ${median(later).toFixed(1)} ms (median; ${later.map((m) => m.toFixed(1)).join(", ")})`,
  );
  const byFunction = new Map<string, number>();
  for (const f of fits)
    for (const row of f.slice(1))
      for (const [label, ms] of row.byFunction)
        byFunction.set(label, (byFunction.get(label) ?? 0) + ms / runs);
  const costliest = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [label, ms] of costliest) console.log(`    ${ms.toFixed(1)} ms a fit after epoch 1  ${label}`);
}
process.exit(0);
