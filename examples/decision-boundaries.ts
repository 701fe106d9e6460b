/**
 * Decision boundaries: a small network learns the XOR, circle and spiral playground sets, and
 * bp.report.decisionBoundary draws what it learned — its prediction over the plane as a heat map
 * with the points on top — as one SVG file per set.
 *
 *   npx tsx examples/decision-boundaries.ts [outDir]     (default runs/boundaries)
 *
 * Stated result: training accuracy ≥ 95 % on each set; each SVG shows the data's shape (the circle's
 * inside is one class, XOR's opposite quadrants share a class).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as bp from "../src/index.js";
import { fmt, runIfMain } from "./main.js";

export interface BoundaryRow {
  set: "xor" | "circle" | "spiral";
  accuracy: number;
  file: string;
  /** The model, to ask what it predicts where (for the test). */
  model: bp.Sequential;
}

const SETS = {
  xor: () => bp.data.toy.xor({ n: 200, noise: 0.05, seed: 1 }),
  circle: () => bp.data.toy.circle({ n: 200, noise: 0.05, seed: 1 }),
  spiral: () => bp.data.toy.spiral({ n: 300, noise: 0.02, seed: 1 }),
};

export async function run(outDir = join("runs", "boundaries")): Promise<BoundaryRow[]> {
  await mkdir(outDir, { recursive: true });
  const rows: BoundaryRow[] = [];
  for (const [set, make] of Object.entries(SETS) as [BoundaryRow["set"], () => bp.data.ToySet][]) {
    bp.setSeed(1);
    const { x, y } = make();
    const model = bp.sequential([
      bp.layers.dense({ units: 24, activation: "relu", inputShape: [2] }),
      bp.layers.dense({ units: 24, activation: "relu" }),
      bp.layers.dense({ units: 1, activation: "sigmoid" }),
    ]);
    model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.02 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    await model.fit(x, y, { epochs: set === "spiral" ? 300 : 150, batchSize: 32, verbose: 0 });
    const file = join(outDir, `${set}.svg`);
    await writeFile(file, bp.report.decisionBoundary(model, x, y, { title: `${set}: what the network learned` }));
    rows.push({ set, accuracy: model.evaluate(x, y).accuracy!, file, model });
  }
  return rows;
}

runIfMain(import.meta.url, () => run(process.argv[2]), (rows) =>
  ["Decision boundaries of a 2-24-24-1 network:", ...rows.map((r) => `  ${r.set.padEnd(7)} accuracy ${fmt(r.accuracy * 100, 1)}%  -> ${r.file}`)].join("\n"),
);
