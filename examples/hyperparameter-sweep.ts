/**
 * A hyper-parameter sweep: the same network trained with more and more hidden units, then with a
 * growing L2 factor, each scored on its training points and on held-out validation points. Too few
 * units under-fit (both errors high); many units drive the training error down; a large L2 factor
 * brings both errors back up. The two sweeps are plotted as SVG charts.
 *
 *   npx tsx examples/hyperparameter-sweep.ts [outDir]     (default runs/sweep)
 *
 * Stated result: the training error with the most units is below the one with the fewest; the
 * largest L2 factor has a higher training error and validation error than the best L2 factor.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as bp from "../src/index.js";
import { fmt, runIfMain } from "./main.js";

export interface SweepPoint {
  value: number;
  trainError: number;
  valError: number;
}

export interface SweepResult {
  units: SweepPoint[];
  l2: SweepPoint[];
  files: string[];
}

export const UNITS = [1, 2, 4, 8, 16, 32];
export const L2 = [0, 1e-4, 1e-3, 1e-2, 1e-1, 1];

type Split = ReturnType<typeof bp.data.split>;

async function score(parts: Split, units: number, l2: number): Promise<SweepPoint & { value: number }> {
  bp.setSeed(1);
  const reg = l2 > 0 ? { kernelRegularizer: bp.regularizers.l2({ l2 }) } : {};
  const model = bp.sequential([
    bp.layers.dense({ units, activation: "relu", inputShape: [2], ...reg }),
    bp.layers.dense({ units, activation: "relu", ...reg }),
    bp.layers.dense({ units: 1, activation: "sigmoid" }),
  ]);
  model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.02 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  await model.fit(parts.train.x, parts.train.y!, { epochs: 120, batchSize: 32, verbose: 0, seed: 1 });
  const err = (s: { x: bp.Tensor; y?: bp.Tensor }) => 1 - model.evaluate(s.x, s.y!).accuracy!;
  return { value: l2, trainError: err(parts.train), valError: err(parts.validation) };
}

function chart(points: SweepPoint[], title: string, xLabel: string, ticks: string[]): string {
  return bp.report.lineChart(
    [
      { name: "training error", values: points.map((p) => p.trainError), color: bp.report.TRAIN_COLOR },
      { name: "validation error", values: points.map((p) => p.valError), color: bp.report.VAL_COLOR, dashed: true },
    ],
    { title, xLabel, yLabel: "error (1 − accuracy)", xTicks: ticks },
  );
}

export async function run(outDir = join("runs", "sweep")): Promise<SweepResult> {
  const { x, y } = bp.data.toy.spiral({ n: 400, noise: 0.08, seed: 4 });
  const parts = bp.data.split(x, y, { validation: 0.3, seed: 1 });
  const units: SweepPoint[] = [];
  for (const u of UNITS) units.push({ ...(await score(parts, u, 0)), value: u });
  const l2: SweepPoint[] = [];
  for (const f of L2) l2.push(await score(parts, 32, f));
  await mkdir(outDir, { recursive: true });
  const files = [join(outDir, "units.svg"), join(outDir, "l2.svg")];
  await writeFile(files[0]!, chart(units, "Hidden units per layer (no L2)", "units", UNITS.map(String)));
  await writeFile(files[1]!, chart(l2, "L2 factor (32 units per layer)", "L2 factor", L2.map(String)));
  return { units, l2, files };
}

runIfMain(import.meta.url, () => run(process.argv[2]), (r) =>
  [
    "Two-layer network on noisy spirals, 280 training / 120 validation points:",
    ...r.units.map((p) => `  units ${String(p.value).padStart(3)}   training error ${fmt(p.trainError, 3)}   validation error ${fmt(p.valError, 3)}`),
    ...r.l2.map((p) => `  L2 ${String(p.value).padStart(6)}   training error ${fmt(p.trainError, 3)}   validation error ${fmt(p.valError, 3)}`),
    `wrote ${r.files.join(", ")}`,
  ].join("\n"),
);
