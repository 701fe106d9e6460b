import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { classification, mlp } from "./helpers.js";

const compiled = (loss = "categoricalCrossentropy") => {
  const model = mlp([3, 4, 3]);
  model.compile({ optimizer: "sgd", loss });
  return model;
};
const { x, y } = classification(12, 3, 3);

describe("bad input to fit / evaluate / predict: a BackpropError naming the problem", () => {
  // [what, call, error class, message pattern]
  const rows: [string, () => Promise<unknown>, typeof bp.BackpropError, RegExp][] = [
    ["wrong input shape to fit", () => compiled().fit(bp.zeros([12, 5]), y, { verbose: 0 }), bp.ShapeError, /fit: x has shape \[12,5\] but the model expects input of shape \[batch,3\]/],
    ["wrong rank to fit", () => compiled().fit(bp.zeros([12, 3, 1]), y, { verbose: 0 }), bp.ShapeError, /fit: x has shape \[12,3,1\]/],
    ["wrong input shape to predict", async () => compiled().predict(bp.zeros([2, 4])), bp.ShapeError, /predict: x has shape \[2,4\]/],
    ["x and y sample counts differ", () => compiled().fit(x, y.slice(0, 10), { verbose: 0 }), bp.ShapeError, /x has 12 samples .* but y has 10/],
    ["NaN in x", () => compiled().fit(bp.tensor([[1, 2, NaN]]), bp.tensor([[1, 0, 0]]), { verbose: 0 }), bp.ValueError, /fit: x contains NaN at sample 0/],
    ["Infinity in y", () => compiled().fit(x, y.add(bp.tensor([0, 0, Infinity])), { verbose: 0 }), bp.ValueError, /fit: y contains Infinity at sample 0/],
    ["NaN in validation data", () => compiled().fit(x, y, { verbose: 0, validationData: [bp.tensor([[NaN, 0, 0]]), bp.tensor([[1, 0, 0]])] }), bp.ValueError, /validationData x contains NaN/],
    ["batchSize 0", () => compiled().fit(x, y, { batchSize: 0, verbose: 0 }), bp.ValueError, /batchSize must be a positive integer, got 0/],
    ["batchSize 2.5", () => compiled().fit(x, y, { batchSize: 2.5, verbose: 0 }), bp.ValueError, /batchSize/],
    ["epochs negative", () => compiled().fit(x, y, { epochs: -1, verbose: 0 }), bp.ValueError, /epochs must be a non-negative integer, got -1/],
    ["unknown option", () => compiled().fit(x, y, { epoch: 3 } as bp.FitArgs), bp.ValueError, /unknown option "epoch"/],
    ["validationSplit 1", () => compiled().fit(x, y, { validationSplit: 1, verbose: 0 }), bp.ValueError, /validationSplit/],
    ["not compiled", () => mlp([3, 4, 3]).fit(x, y, { verbose: 0 }), bp.ValueError, /not compiled; call model.compile/],
    ["one-hot labels to the sparse loss", () => compiled("sparseCategoricalCrossentropy").fit(x, y, { verbose: 0 }), bp.BackpropError, /sparseCategoricalCrossentropy/i],
    ["label out of range for the sparse loss", () => compiled("sparseCategoricalCrossentropy").fit(x, bp.tensor(Array(12).fill(7)), { verbose: 0 }), bp.BackpropError, /7/],
    ["labels of the wrong width", () => compiled().fit(x, bp.zeros([12, 2]), { verbose: 0 }), bp.BackpropError, /categoricalCrossentropy/i],
    ["sampleWeight of the wrong length", () => compiled().fit(x, y, { sampleWeight: bp.ones([5]), verbose: 0 }), bp.ShapeError, /sampleWeight has 5|has 12 samples .* sampleWeight has 5/],
    ["negative sampleWeight", () => compiled().fit(x, y, { sampleWeight: bp.ones([12]).neg(), verbose: 0 }), bp.ValueError, /sampleWeight\[0\] is -1/],
    ["evaluate batchSize 0", async () => compiled().evaluate(x, y, { batchSize: 0 }), bp.ValueError, /evaluate: batchSize/],
    ["predict batchSize 0", async () => compiled().predict(x, { batchSize: 0 }), bp.ValueError, /predict: batchSize/],
    ["predict on no samples", async () => compiled().predict(bp.zeros([0, 3])), bp.ValueError, /no samples/],
    ["unknown optimizer", async () => mlp([3, 3]).compile({ optimizer: "adamm" as string, loss: "mse" }), bp.NotFoundError, /adamm/],
    ["unknown loss", async () => mlp([3, 3]).compile({ optimizer: "adam", loss: "crossentropy" as string }), bp.NotFoundError, /crossentropy/],
    ["unknown metric", async () => mlp([3, 3]).compile({ optimizer: "adam", loss: "mse", metrics: ["acuracy"] }), bp.NotFoundError, /acuracy/],
    ["a non-layer added", async () => bp.sequential().add({} as bp.layers.Layer), bp.ValueError, /expected a layer/],
  ];

  test.each(rows)("%s", async (_what, call, cls, pattern) => {
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(pattern);
  });

  test("a rejected fit leaves the weights untouched", async () => {
    const model = compiled("sparseCategoricalCrossentropy");
    const before = model.getWeights().map((w) => [...w.dataSync()]);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(bp.BackpropError);
    expect(model.getWeights().map((w) => [...w.dataSync()])).toEqual(before);
  });
});
