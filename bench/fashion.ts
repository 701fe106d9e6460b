/**
 * Fashion-MNIST, full 60,000 / 10,000, with the built-in MLP (target ≥ 88%) and CNN (target ≥ 90%):
 * test accuracy and wall time of `backprop train --dataset fashion-mnist`. Not a test; run on demand:
 *
 *   npx tsx bench/fashion.ts                # both models
 *   npx tsx bench/fashion.ts mlp            # one of them; extra arguments go to train, e.g. --epochs 8
 *
 * Needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or --data-dir DIR.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const models = argv.filter((a) => a === "mlp" || a === "cnn");
const extra = argv.filter((a) => a !== "mlp" && a !== "cnn");
const targets: Record<string, number> = { mlp: 0.88, cnn: 0.9 };

console.log(
  `Fashion-MNIST 60k/10k on ${cpus().length} cores (${cpus()[0]?.model ?? "unknown cpu"}), node ${process.version}`,
);
let ok = true;
for (const model of models.length ? models : ["mlp", "cnn"]) {
  const out = join(mkdtempSync(join(tmpdir(), "bp-fashion-")), "run");
  const args = [
    join(root, "bin", "backprop.js"),
    "train",
    "--dataset",
    "fashion-mnist",
    "--model",
    model,
    "--out",
    out,
    ...extra,
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(`backprop ${args.slice(1).join(" ")} failed with exit code ${r.status}`);
    process.exit(1);
  }
  const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as {
    backend: string;
    epochs: number;
    fitSeconds: number;
    test: { accuracy: number };
  };
  const acc = res.test.accuracy;
  ok &&= acc >= targets[model]!;
  console.log(
    `${model}: test accuracy ${(acc * 100).toFixed(2)}% (target ≥ ${targets[model]! * 100}%), ${res.epochs} epochs, wall ${wall.toFixed(1)} s (fit ${res.fitSeconds.toFixed(1)} s), backend ${res.backend}`,
  );
  rmSync(dirname(out), { recursive: true, force: true });
}
console.log(ok ? "targets met" : "a target was NOT met");
