/**
 * Hostile input files against the `backprop` command of a checkout: for each case, the exit code,
 * the wall time and the peak resident memory of the process. A run is killed past 20 s or 4 GB.
 *
 *   npx tsx bench/hostile-files.ts [checkout=.] [case-name-filter]
 *
 * Run it against two checkouts (e.g. an older one and this one) to compare them.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as bp from "../src/index.js";
import { writeHostileInputs } from "../test/hostile-files.js";

const checkout = resolve(process.argv[2] ?? ".");
const only = process.argv[3];
const dir = mkdtempSync(join(tmpdir(), "bp-hostile-"));
const LIMIT_S = 20;
const LIMIT_KB = 4 * 1024 * 1024;

async function fixtures(): Promise<void> {
  bp.setSeed(1);
  const model = bp.sequential([
    bp.layers.flatten({ inputShape: [28, 28, 1] }),
    bp.layers.dense({ units: 4, activation: "relu" }),
    bp.layers.dense({ units: 10, activation: "softmax" }),
  ]);
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.save(join(dir, "good"));
  const good = readFileSync(join(dir, "good", "model.json"), "utf8");
  const weights = readFileSync(join(dir, "good", "weights.bin"));
  const variant = (name: string, json: string, link?: string): void => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "model.json"), json);
    if (link === "fifo") spawnSync("mkfifo", [join(dir, name, "weights.bin")]);
    else if (link) symlinkSync(link, join(dir, name, "weights.bin"));
    else if (link === undefined) writeFileSync(join(dir, name, "weights.bin"), weights);
  };
  variant("zero", good, "/dev/zero");
  variant("fifo", good, "fifo");
  variant("passwd", good, "/etc/passwd");
  variant("units", good.replace('"units": 4', `"units": ${2 ** 26}`), undefined);
  const j = JSON.parse(good) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  variant(
    "null-entry",
    JSON.stringify({
      ...j,
      weightsManifest: { ...j.weightsManifest, weights: [null, ...j.weightsManifest.weights.slice(1)] },
    }),
  );
  variant("compile-x", JSON.stringify({ ...j, compileConfig: "x" }));
  variant("loss-42", JSON.stringify({ ...j, compileConfig: { ...j.compileConfig, loss: 42 } }));
  const small = bp.sequential([
    bp.layers.dense({ units: 4, activation: "relu", inputShape: [3] }),
    bp.layers.dense({ units: 2, activation: "softmax" }),
  ]);
  await small.save(join(dir, "small-good"));
  mkdirSync(join(dir, "units-small"));
  writeFileSync(
    join(dir, "units-small", "model.json"),
    readFileSync(join(dir, "small-good", "model.json"), "utf8").replace('"units": 4', `"units": ${2 ** 26}`),
  );
  writeFileSync(
    join(dir, "units-small", "weights.bin"),
    readFileSync(join(dir, "small-good", "weights.bin")),
  );
  mkdirSync(join(dir, "no-weights"));
  writeFileSync(join(dir, "no-weights", "model.json"), good);

  const big = ["a,b,label"];
  for (let i = 0; i < 200_000; i++) big.push(`${(i % 97) / 10},${(i % 13) / 3},${i % 3}`);
  writeFileSync(join(dir, "rows200k.csv"), `${big.join("\n")}\n`);
  const many = ["a,b,label"];
  for (let i = 0; i < 1024; i++) many.push(`${(i % 97) / 10},${(i % 13) / 3},${i % 256}`);
  writeFileSync(join(dir, "classes256.csv"), `${many.join("\n")}\n`);
  await writeHostileInputs(dir, 1 << 30);
}

const CASES: [string, string[]][] = [
  ["weights.bin -> /dev/zero", ["summary", "--model", "zero"]],
  ["weights.bin is a FIFO", ["summary", "--model", "fifo"]],
  ["weights.bin -> /etc/passwd", ["summary", "--model", "passwd"]],
  ["model.json units 2^26", ["summary", "--model", "units"]],
  ["model.json units 4 -> 2^26 (inputs [3])", ["summary", "--model", "units-small"]],
  ["manifest entry null", ["summary", "--model", "null-entry"]],
  ['compileConfig: "x"', ["summary", "--model", "compile-x"]],
  ["loss: 42", ["summary", "--model", "loss-42"]],
  ["weights.bin missing", ["summary", "--model", "no-weights"]],
  ["PNG 500x500 grey", ["predict", "--model", "good", "--input", "grey500.png"]],
  ["PNG 1-bit 20000x20000", ["predict", "--model", "good", "--input", "bomb.png"]],
  [
    "CSV 200,000 rows (--limit 5000)",
    [
      "train",
      "--dataset",
      "csv:rows200k.csv",
      "--model",
      "mlp",
      "--epochs",
      "1",
      "--limit",
      "5000",
      "--out",
      "out-rows",
    ],
  ],
  [
    "CSV 256 classes (report)",
    ["train", "--dataset", "csv:classes256.csv", "--model", "mlp", "--epochs", "1", "--out", "out-256"],
  ],
  [
    "CSV label 3,000,000",
    ["train", "--dataset", "csv:label3m.csv", "--model", "mlp", "--epochs", "1", "--out", "out-3m"],
  ],
  [
    "CSV header only",
    ["train", "--dataset", "csv:header-only.csv", "--model", "mlp", "--epochs", "1", "--out", "out-empty"],
  ],
  ["--classes 5000000", ["summary", "--model", "mlp", "--classes", "5000000"]],
  [
    "layers file units 1e9",
    ["train", "--dataset", "csv:small.csv", "--model", "units1e9.json", "--epochs", "1", "--out", "out-1e9"],
  ],
  [
    "IDX gzip bomb, bad magic",
    ["train", "--dataset", "idx:idx-bomb", "--model", "mlp", "--epochs", "1", "--out", "out-bomb"],
  ],
  [
    "IDX zero dimension",
    ["train", "--dataset", "idx:idx-zero", "--model", "mlp", "--epochs", "1", "--out", "out-zero"],
  ],
];

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs one case under /usr/bin/time -v; kills the process group past the limits. */
function runCase(
  args: string[],
): Promise<{ code: string; seconds: number; peakMb: number; message: string }> {
  return new Promise((done) => {
    const child = spawn(
      "/usr/bin/time",
      ["-v", process.execPath, join(checkout, "bin", "backprop.js"), ...args],
      { cwd: dir, detached: true },
    );
    let stderr = "";
    let killed = "";
    let polledKb = 0;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const start = performance.now();
    const watch = setInterval(() => {
      let kb = 0;
      try {
        for (const p of readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8")
          .trim()
          .split(/\s+/))
          if (p) kb += rssKb(Number(p));
      } catch {
        // exited
      }
      polledKb = Math.max(polledKb, kb);
      const s = (performance.now() - start) / 1000;
      if (!killed && (s > LIMIT_S || kb > LIMIT_KB)) {
        killed = s > LIMIT_S ? `killed after ${LIMIT_S} s` : `killed at ${(kb / 1024 / 1024).toFixed(1)} GB`;
        process.kill(-child.pid!, "SIGKILL");
      }
    }, 50);
    child.on("close", (code, signal) => {
      clearInterval(watch);
      const seconds = (performance.now() - start) / 1000;
      const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const status = /Exit status: (\d+)/.exec(stderr);
      const message =
        stderr.split("\n").find((l) => l.startsWith("backprop") || /Error|error:/.test(l)) ?? "";
      done({
        code: killed || (status ? status[1]! : signal ? `signal ${signal}` : String(code)),
        seconds,
        peakMb: peak ? Number(peak[1]) / 1024 : polledKb / 1024,
        message: message.slice(0, 140),
      });
    });
  });
}

await fixtures();
console.log(`checkout ${checkout}, inputs in ${dir}\n`);
console.log("| case | exit | time (s) | peak RSS (MB) | message |\n|---|---|---:|---:|---|");
for (const [name, args] of CASES) {
  if (only && !name.includes(only)) continue;
  const r = await runCase(args);
  console.log(
    `| ${name} | ${r.code} | ${r.seconds.toFixed(1)} | ${Number.isFinite(r.peakMb) ? r.peakMb.toFixed(0) : "?"} | ${r.message.replace(/\|/g, "\\|")} |`,
  );
}
spawnSync("rm", ["-rf", dir]);
