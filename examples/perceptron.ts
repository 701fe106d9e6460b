/**
 * Rosenblatt's perceptron as a one-neuron network: a linear unit trained one sample at a time with
 * the perceptron criterion max(0, -t·z) (t = ±1 the label, z the unit's output). Its gradient step
 * with learning rate 1 is exactly the perceptron rule: on a mistake, w += t·x, b += t.
 * On linearly separable data it stops making mistakes after a few passes (the convergence theorem).
 *
 *   npx tsx examples/perceptron.ts
 *
 * Stated result: an epoch with zero mistakes is reached, and then 100% training accuracy.
 */
import * as bp from "../src/index.js";
import { runIfMain } from "./main.js";

export interface PerceptronResult {
  /** Mistakes (samples with t·z ≤ 0 when visited) in each epoch. */
  mistakesPerEpoch: number[];
  /** The first epoch (from 1) without a mistake. */
  convergedAt: number | undefined;
  accuracy: number;
}

/** Points uniform in [-1, 1]², labelled by the side of the line x2 = 0.5·x1 + 0.1, at least `margin` away from it. */
export function separableData(n: number, margin: number, seed: number): { x: bp.Tensor; y: bp.Tensor } {
  const rng = new bp.Rng(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  while (ys.length < n) {
    const a = 2 * rng.uniform() - 1;
    const b = 2 * rng.uniform() - 1;
    const side = (b - 0.5 * a - 0.1) / Math.hypot(1, 0.5);
    if (Math.abs(side) < margin) continue;
    xs.push(a, b);
    ys.push(side > 0 ? 1 : 0);
  }
  return { x: bp.tensor(xs, [n, 2]), y: bp.tensor(ys, [n, 1]) };
}

/** The perceptron criterion per sample: max(0, -t·z) with t = 2y - 1. */
export function perceptronLoss(yTrue: bp.Tensor, z: bp.Tensor): bp.Tensor {
  return yTrue.mul(2).sub(1).mul(z).neg().relu().reshape([-1]);
}

export async function run(options: { maxEpochs?: number; seed?: number } = {}): Promise<PerceptronResult> {
  const seed = options.seed ?? 1;
  bp.setSeed(seed);
  const { x, y } = separableData(100, 0.05, seed);
  const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 1 }), loss: perceptronLoss });
  // one sample per step, in a fresh random order each epoch; trainStep returns the sample's loss
  // before its update, which is positive exactly when the sample was misclassified
  const n = x.shape[0]!;
  const samples = Array.from({ length: n }, (_, i) => ({ xi: x.slice([i, 0], [1, 2]), yi: y.slice([i, 0], [1, 1]) }));
  const rng = new bp.Rng(seed);
  const mistakesPerEpoch: number[] = [];
  let convergedAt: number | undefined;
  for (let epoch = 1; epoch <= (options.maxEpochs ?? 50) && convergedAt === undefined; epoch++) {
    rng.shuffle(samples);
    let mistakes = 0;
    for (const { xi, yi } of samples) if (model.trainStep(xi, yi) > 0) mistakes++;
    mistakesPerEpoch.push(mistakes);
    if (mistakes === 0) convergedAt = epoch;
  }
  const z = model.predict(x).dataSync();
  const labels = y.dataSync();
  const correct = Array.from(z).filter((v, i) => (v > 0 ? 1 : 0) === labels[i]).length;
  return { mistakesPerEpoch, convergedAt, accuracy: correct / n };
}

runIfMain(import.meta.url, () => run(), (r) =>
  [
    "Perceptron (one linear neuron, perceptron rule) on 100 linearly separable points:",
    `  mistakes per epoch: ${r.mistakesPerEpoch.join(", ")}`,
    `  no mistakes from epoch ${r.convergedAt ?? "(not reached)"}; training accuracy ${(r.accuracy * 100).toFixed(1)}%`,
  ].join("\n"),
);
