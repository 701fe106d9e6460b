/**
 * The main job's figures: wall time and test accuracy of `npm start` (backprop train with its
 * defaults on the embedded MNIST digits), run as a user runs it. Not a test; run on demand:
 *
 *   npx tsx bench/main-job.ts               # one run, the default seed
 *   npx tsx bench/main-job.ts --seeds 1,2,3  # one run per seed (--seed N passed to train)
 *
 * Goal (issue 4): ≥ 97% test accuracy in < 3 minutes on 2 cores.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = process.argv.indexOf("--seeds");
const seeds: (string | undefined)[] = arg > 0 ? (process.argv[arg + 1] ?? "").split(",") : [undefined];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Results {
  backend: string;
  seconds: number;
  fitSeconds: number;
  test: { accuracy: number; samples: number };
}

console.log(`npm start on ${cpus().length} cores (${cpus()[0]?.model ?? "unknown cpu"}), node ${process.version}`);
const rows: { seed: string; wall: number; accuracy: number; fit: number; backend: string }[] = [];
for (const seed of seeds) {
  const out = join(mkdtempSync(join(tmpdir(), "bp-main-job-")), "run");
  const args = ["start", "--silent", "--", "--out", out, ...(seed ? ["--seed", seed] : [])];
  const t0 = performance.now();
  const r = spawnSync(npm, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(`npm ${args.join(" ")} failed with exit code ${r.status}`);
    process.exit(1);
  }
  const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results;
  rows.push({ seed: seed ?? "default", wall, accuracy: res.test.accuracy, fit: res.fitSeconds, backend: res.backend });
  console.log(`seed ${seed ?? "default"}: test accuracy ${(res.test.accuracy * 100).toFixed(2)}% of ${res.test.samples}, wall ${wall.toFixed(1)} s (fit ${res.fitSeconds.toFixed(1)} s), backend ${res.backend}`);
  rmSync(dirname(out), { recursive: true, force: true });
}
if (rows.length > 1) {
  const acc = rows.map((r) => r.accuracy);
  const wall = rows.map((r) => r.wall);
  console.log(`accuracy mean ${((acc.reduce((a, b) => a + b) / acc.length) * 100).toFixed(2)}%, min ${(Math.min(...acc) * 100).toFixed(2)}%; wall mean ${(wall.reduce((a, b) => a + b) / wall.length).toFixed(1)} s, max ${Math.max(...wall).toFixed(1)} s`);
}
const ok = rows.every((r) => r.accuracy >= 0.97 && r.wall < 180);
console.log(ok ? "goal met: ≥ 97% in < 3 min on every run" : "goal NOT met on every run (≥ 97% test accuracy in < 3 min)");
