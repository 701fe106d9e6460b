/**
 * Capacity: a network with one hidden layer of 3, 6 and 20 ReLU neurons fits the same 2-D data
 * (two interleaved spirals). More neurons carve more linear pieces into the decision boundary, so
 * the training loss drops as the layer widens.
 *
 *   npx tsx examples/capacity.ts
 *
 * Stated result: the training loss falls with width (20 < 6 < 3), and 20 neurons classify at least 95% of the points.
 */
import * as bp from "../src/index.js";
import { fmt, runIfMain } from "./main.js";

export interface CapacityRow {
  units: number;
  params: number;
  loss: number;
  accuracy: number;
}

export async function run(options: { epochs?: number; seed?: number; widths?: number[] } = {}): Promise<CapacityRow[]> {
  const seed = options.seed ?? 1;
  const { x, y } = bp.data.toy.spiral({ n: 300, classes: 2, noise: 0.02, seed });
  const rows: CapacityRow[] = [];
  for (const units of options.widths ?? [3, 6, 20]) {
    bp.setSeed(seed);
    const model = bp.sequential([
      bp.layers.dense({ units, activation: "relu", inputShape: [2] }),
      bp.layers.dense({ units: 1, activation: "sigmoid" }),
    ]);
    model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    // full-batch Adam: each width gets the same optimization budget
    await model.fit(x, y, { epochs: options.epochs ?? 200, batchSize: 300, verbose: 0, seed });
    const { loss, accuracy } = model.evaluate(x, y);
    rows.push({ units, params: model.countParams(), loss: loss!, accuracy: accuracy! });
  }
  return rows;
}

runIfMain(import.meta.url, () => run(), (rows) =>
  [
    "One hidden layer of 3, 6 and 20 ReLU neurons on two spirals (training data):",
    ...rows.map((r) => `  ${String(r.units).padStart(2)} neurons (${String(r.params).padStart(3)} parameters): loss ${fmt(r.loss)}, accuracy ${fmt(r.accuracy * 100, 1)}%`),
  ].join("\n"),
);
