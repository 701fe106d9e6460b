/**
 * Over-fitting and two cures. A wide network trained long on few noisy points memorizes them: its
 * training loss goes to ~0 while the loss on new points grows. An L2 penalty on the weights, or
 * dropout between the layers, keeps the function smoother, and the validation loss stays lower.
 *
 *   npx tsx examples/overfitting.ts
 *
 * Stated result: the plain network has the largest gap between validation and training loss, and
 * both L2 and dropout reach a lower validation loss than it.
 */
import * as bp from "../src/index.js";
import { fmt, runIfMain } from "./main.js";

export interface OverfitRow {
  variant: "plain" | "l2" | "dropout";
  /** Cross-entropy on the training points (inference mode, no penalty). */
  trainLoss: number;
  /** Cross-entropy on fresh points from the same distribution. */
  valLoss: number;
  valAccuracy: number;
}

function build(variant: OverfitRow["variant"]): bp.Sequential {
  const reg = variant === "l2" ? { kernelRegularizer: bp.regularizers.l2({ l2: 0.01 }) } : {};
  const drop = (): bp.layers.Layer[] => (variant === "dropout" ? [bp.layers.dropout({ rate: 0.6 })] : []);
  return bp.sequential([
    bp.layers.dense({ units: 128, activation: "relu", inputShape: [2], ...reg }),
    ...drop(),
    bp.layers.dense({ units: 128, activation: "relu", ...reg }),
    ...drop(),
    bp.layers.dense({ units: 1, activation: "sigmoid" }),
  ]);
}

export async function run(options: { epochs?: number; seed?: number } = {}): Promise<OverfitRow[]> {
  const seed = options.seed ?? 1;
  // two overlapping blobs: no boundary separates them, so fitting every training point is memorizing noise
  const train = bp.data.toy.gaussian({ n: 40, noise: 1, seed });
  const val = bp.data.toy.gaussian({ n: 1000, noise: 1, seed: seed + 1000 });
  const crossEntropy = (m: bp.Sequential, set: { x: bp.Tensor; y: bp.Tensor }): number =>
    bp.tidy(() => bp.losses.binaryCrossentropy(set.y, m.predict(set.x)).item());
  const rows: OverfitRow[] = [];
  for (const variant of ["plain", "l2", "dropout"] as const) {
    bp.setSeed(seed);
    const model = build(variant);
    model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.01 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    await model.fit(train.x, train.y, { epochs: options.epochs ?? 200, batchSize: 40, verbose: 0, seed });
    rows.push({ variant, trainLoss: crossEntropy(model, train), valLoss: crossEntropy(model, val), valAccuracy: model.evaluate(val.x, val.y).accuracy! });
  }
  return rows;
}

runIfMain(import.meta.url, () => run(), (rows) =>
  [
    "A 2-128-128-1 network on 40 noisy points, validated on 1000 fresh ones:",
    ...rows.map((r) => `  ${r.variant.padEnd(8)} train loss ${fmt(r.trainLoss)}  validation loss ${fmt(r.valLoss)}  gap ${fmt(r.valLoss - r.trainLoss)}  validation accuracy ${fmt(r.valAccuracy * 100, 1)}%`),
  ].join("\n"),
);
