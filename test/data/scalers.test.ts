/** Scalers and class weights against scikit-learn (test/fixtures/metrics.json), plus their errors. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, fixture } from "../metrics/fixture.js";

const s = fixture.scalers;
const xTrain = bp.tensor(s.x_train.data, s.x_train.shape);
const xTest = bp.tensor(s.x_test.data, s.x_test.shape);

describe("standardScaler", () => {
  test("fit on train, transform test, inverse back (a constant column keeps scale 1)", () => {
    const sc = bp.data.standardScaler().fit(xTrain);
    expectClose(sc.mean.dataSync(), s.standard.mean);
    expectClose(sc.scale.dataSync(), s.standard.scale);
    const t = sc.transform(xTest);
    expectClose(t.dataSync(), s.standard.transform, 1e-5);
    expectClose(sc.inverseTransform(t).dataSync(), s.standard.inverse, 1e-5);
  });

  test("fitTransform standardizes the training data", () => {
    const t = bp.data.standardScaler().fitTransform(xTrain);
    const mean = Array.from(t.mean(0).dataSync());
    expectClose(mean, [0, 0, 0, 0], 1e-5);
  });
});

describe("minMaxScaler", () => {
  test("feature range [-1, 1] as scikit-learn", () => {
    const sc = bp.data.minMaxScaler({ featureRange: s.minmax.feature_range }).fit(xTrain);
    const t = sc.transform(xTest);
    expectClose(t.dataSync(), s.minmax.transform, 1e-5);
    expectClose(sc.inverseTransform(t).dataSync(), s.minmax.inverse, 1e-5);
  });
});

describe("scaler errors", () => {
  test.each([
    ["transform before fit", () => bp.data.standardScaler().transform(xTest), /transform used before fit/, bp.ValueError],
    ["feature shape differs", () => bp.data.minMaxScaler().fit(xTrain).transform(bp.zeros([2, 3])), /features of shape \[3\] but the scaler was fitted on \[4\]/, bp.ShapeError],
    ["NaN in training data", () => bp.data.standardScaler().fit(bp.tensor([[1], [NaN]])), /non-finite value NaN at flat index 1/, bp.ValueError],
    ["empty range", () => bp.data.minMaxScaler({ featureRange: [1, 1] }), /low < high/, bp.ValueError],
  ] as const)("%s", (_name, f, message, cls) => {
    expect(f).toThrow(cls);
    expect(f).toThrow(message);
  });
});

describe("computeClassWeight", () => {
  test.each(fixture.class_weight.map((c) => [c.y.join(","), c] as const))("balanced weights for [%s]", (_name, c) => {
    const w = bp.data.computeClassWeight(c.y);
    expect(Object.keys(w)).toEqual(Object.keys(c.weights));
    expectClose(Object.values(w), Object.values(c.weights), 1e-12);
  });

  test("one-hot labels work too", () => {
    expect(bp.data.computeClassWeight(bp.oneHot([0, 0, 0, 1], 2))).toEqual(bp.data.computeClassWeight([0, 0, 0, 1]));
  });
});
