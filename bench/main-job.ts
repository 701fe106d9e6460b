/**
 * The main job's figures: wall time and test accuracy of `npm start` (backprop train with its
 * defaults on the embedded MNIST digits), run as a user runs it. Not a test; run on demand:
 *
 *   npx tsx bench/main-job.ts               # one run, the default seed
 *   npx tsx bench/main-job.ts --seeds 1,2,3  # one run per seed (--seed N passed to train)
 *   npx tsx bench/main-job.ts --threads 1,default --rounds 3   # thread settings alternated, medians and ratios
 *
 * Goal (issue 4): ≥ 97% test accuracy in < 3 minutes on 2 cores.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./lib/spec.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = process.argv.indexOf("--seeds");
const seeds: (string | undefined)[] = arg > 0 ? (process.argv[arg + 1] ?? "").split(",") : [undefined];
const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
/** Thread settings to alternate ("default": no --threads flag), and rounds of them. */
const settings = (flag("--threads") ?? "default").split(",");
const rounds = Number(flag("--rounds") ?? 1);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Results {
  backend: string;
  seconds: number;
  fitSeconds: number;
  test: { accuracy: number; samples: number };
}

console.log(`npm start on ${cpus().length} cores (${cpus()[0]?.model ?? "unknown cpu"}), node ${process.version}`);
const rows: { seed: string; threads: string; wall: number; accuracy: number; fit: number; backend: string }[] = [];
for (let round = 0; round < rounds; round++) {
  for (const seed of seeds) {
    for (let q = 0; q < settings.length; q++) {
      const threads = settings[(q + round) % settings.length] as string;
      rows.push(runOnce(seed, threads));
    }
  }
}

function runOnce(seed: string | undefined, threads: string): (typeof rows)[number] {
  const out = join(mkdtempSync(join(tmpdir(), "bp-main-job-")), "run");
  const args = ["start", "--silent", "--", "--out", out, ...(seed ? ["--seed", seed] : []), ...(threads === "default" ? [] : ["--threads", threads])];
  const t0 = performance.now();
  const r = spawnSync(npm, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(`npm ${args.join(" ")} failed with exit code ${r.status}`);
    process.exit(1);
  }
  const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results;
  const row = { seed: seed ?? "default", threads, wall, accuracy: res.test.accuracy, fit: res.fitSeconds, backend: res.backend };
  console.log(`seed ${row.seed}, threads ${threads}: test accuracy ${(res.test.accuracy * 100).toFixed(2)}% of ${res.test.samples}, wall ${wall.toFixed(1)} s (fit ${res.fitSeconds.toFixed(1)} s), backend ${res.backend}, load ${loadavg()[0]!.toFixed(2)}`);
  rmSync(dirname(out), { recursive: true, force: true });
  return row;
}
if (settings.length > 1) {
  const fit = settings.map((t) => median(rows.filter((r) => r.threads === t).map((r) => r.fit)));
  const base = fit[0] as number;
  settings.forEach((t, i) => console.log(`threads ${t}: median fit ${(fit[i] as number).toFixed(2)} s, ${settings[0]} / this ${(base / (fit[i] as number)).toFixed(3)}`));
}
if (rows.length > 1) {
  const acc = rows.map((r) => r.accuracy);
  const wall = rows.map((r) => r.wall);
  console.log(`accuracy mean ${((acc.reduce((a, b) => a + b) / acc.length) * 100).toFixed(2)}%, min ${(Math.min(...acc) * 100).toFixed(2)}%; wall mean ${(wall.reduce((a, b) => a + b) / wall.length).toFixed(1)} s, max ${Math.max(...wall).toFixed(1)} s`);
}
const ok = rows.every((r) => r.accuracy >= 0.97 && r.wall < 180);
console.log(ok ? "goal met: ≥ 97% in < 3 min on every run" : "goal NOT met on every run (≥ 97% test accuracy in < 3 min)");
