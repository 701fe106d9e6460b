/**
 * A softmax classifier: one dense layer with a softmax over three outputs, trained with categorical
 * cross-entropy — logistic regression for more than two classes. Its decision regions are bounded
 * by straight lines, enough for three separated blobs.
 *
 *   npx tsx examples/softmax-classifier.ts
 *
 * Stated result: at least 95% accuracy on held-out points, and a confusion matrix that is nearly diagonal.
 */
import * as bp from "../src/index.js";
import { blobs } from "./blobs.js";
import { fmt, runIfMain } from "./main.js";

export interface SoftmaxResult {
  loss: number;
  testAccuracy: number;
  /** Rows: true class, columns: predicted class, on the test set. */
  confusion: number[][];
}

export async function run(options: { epochs?: number; seed?: number } = {}): Promise<SoftmaxResult> {
  const seed = options.seed ?? 1;
  bp.setSeed(seed);
  const train = blobs(300, seed);
  const test = blobs(300, seed + 1000);
  const model = bp.sequential([bp.layers.dense({ units: 3, activation: "softmax", inputShape: [2] })]);
  model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const history = await model.fit(train.x, train.y, { epochs: options.epochs ?? 30, batchSize: 32, verbose: 0 });
  const predicted = [...model.predict(test.x).argmax(-1).dataSync()];
  return {
    loss: history.history.loss!.at(-1)!,
    testAccuracy: model.evaluate(test.x, test.y).accuracy!,
    confusion: bp.metrics.confusionMatrix(test.labels, predicted, 3),
  };
}

runIfMain(import.meta.url, () => run(), (r) =>
  [
    "Softmax classifier (one dense layer, 3 classes) on three Gaussian blobs:",
    `  final training loss ${fmt(r.loss)}, test accuracy ${fmt(r.testAccuracy * 100, 1)}%`,
    "  confusion matrix (rows: true class):",
    ...r.confusion.map((row) => `    ${row.map((v) => String(v).padStart(4)).join("")}`),
  ].join("\n"),
);
