/** Metrics on hand-checkable cases: dispatch by shapes and loss, names, errors, memory, text layout. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

const t = (v: number[] | number[][], dtype?: "int32"): bp.Tensor => bp.tensor(v, undefined, dtype);

describe("accuracy picks its comparison from the shapes like Keras", () => {
  test.each([
    // name, yTrue, yPred, kind, value (hand-checkable)
    ["binary, one output", t([[1], [0], [1], [0]]), t([[0.9], [0.2], [0.4], [0.6]]), "binary", 0.5],
    ["binary, rank 1", t([1, 0, 1]), t([0.7, 0.1, 0.2]), "binary", 2 / 3],
    ["categorical", t([[0, 1, 0], [1, 0, 0]]), t([[0.1, 0.8, 0.1], [0.2, 0.5, 0.3]]), "categorical", 0.5],
    ["sparse, rank 1 labels", t([1, 2], "int32"), t([[0.1, 0.8, 0.1], [0.2, 0.5, 0.3]]), "sparse", 0.5],
    ["sparse, [N,1] labels", t([[1], [1]]), t([[0.1, 0.8, 0.1], [0.2, 0.5, 0.3]]), "sparse", 1],
  ] as const)("%s", (_name, yTrue, yPred, kind, value) => {
    expect(bp.metrics.accuracyKind(yTrue, yPred)).toBe(kind);
    expect(bp.metrics.accuracy(yTrue, yPred).item()).toBeCloseTo(value, 6);
  });

  test("the loss decides for getMetric('accuracy')", () => {
    // as classes, argmax agrees on row 0 only; as six 0/1 values thresholded at 0.5, 4 of 6 match
    const yTrue = t([[0, 1, 0], [1, 0, 0]]);
    const yPred = t([[0.1, 0.8, 0.1], [0.2, 0.6, 0.3]]);
    const cat = bp.metrics.getMetric("accuracy", "categoricalCrossentropy");
    const bin = bp.metrics.getMetric("accuracy", "binaryCrossentropy");
    cat.update(yTrue, yPred);
    bin.update(yTrue, yPred);
    expect(cat.result()).toBeCloseTo(0.5, 6);
    expect(bin.result()).toBeCloseTo(4 / 6, 6);
    const sparse = bp.metrics.getMetric("accuracy", "sparse_categorical_crossentropy");
    sparse.update(t([1, 0], "int32"), yPred);
    expect(sparse.result()).toBeCloseTo(0.5, 6);
  });
});

describe("getMetric", () => {
  test.each([
    ["accuracy", "accuracy"], ["acc", "accuracy"], ["binaryAccuracy", "binaryAccuracy"], ["binary_accuracy", "binary_accuracy"],
    ["categoricalAccuracy", "categoricalAccuracy"], ["sparseCategoricalAccuracy", "sparseCategoricalAccuracy"],
    ["precision", "precision"], ["recall", "recall"], ["f1", "f1"], ["f1_score", "f1_score"], ["mae", "mae"],
    ["meanAbsoluteError", "meanAbsoluteError"], ["mse", "mse"],
  ])("%s has history key %s", (name, key) => {
    expect(bp.metrics.getMetric(name).name).toBe(key);
  });

  test("unknown names throw NotFoundError naming the metric", () => {
    expect(() => bp.metrics.getMetric("accurasy")).toThrow(bp.NotFoundError);
    expect(() => bp.metrics.getMetric("accurasy")).toThrow(/"accurasy"/);
  });

  test("library functions stream exactly; custom functions average over samples", () => {
    expect(bp.metrics.getMetric(bp.metrics.f1).name).toBe("f1");
    const half = function halfMae(a: bp.Tensor, b: bp.Tensor): bp.Tensor {
      return a.sub(b).abs().mean().mul(0.5);
    };
    const m = bp.metrics.getMetric(half);
    expect(m.name).toBe("halfMae");
    m.update(t([1, 1]), t([0, 0])); // batch mean 0.5, 2 samples
    m.update(t([0, 0, 0, 0]), t([0, 0, 0, 0])); // 0, 4 samples
    expect(m.result()).toBeCloseTo((0.5 * 2) / 6, 6);
  });

  test("a Metric object is used as is", () => {
    const own: bp.metrics.Metric = { name: "mine", reset() {}, update() {}, result: () => 7 };
    expect(bp.metrics.getMetric(own)).toBe(own);
  });

  test("sample weights weigh samples; reset starts over", () => {
    const m = bp.metrics.getMetric("binaryAccuracy");
    m.update(t([1, 0]), t([0.9, 0.9]), t([3, 1])); // right with weight 3, wrong with weight 1
    expect(m.result()).toBeCloseTo(0.75, 6);
    m.reset();
    expect(m.result()).toBe(0);
  });

  test("streaming precision counts over the epoch, not a mean of batch values", () => {
    const p = bp.metrics.getMetric("precision");
    p.update(t([1, 0, 0]), t([0.9, 0.9, 0.9])); // tp 1, fp 2
    p.update(t([1]), t([0.9])); // tp 1
    expect(p.result()).toBeCloseTo(2 / 4, 6); // a mean of batch values would be (1/3 + 1) / 2
  });

  test("update creates no lasting tensors", () => {
    const yTrue = bp.oneHot([0, 1, 2, 1], 3);
    const yPred = bp.softmax(bp.randn([4, 3], { seed: 1 }));
    const ms = ["accuracy", "precision", "recall", "f1", "mae"].map((n) => bp.metrics.getMetric(n));
    const before = bp.memory().numTensors;
    for (const m of ms) m.update(yTrue, yPred);
    expect(bp.memory().numTensors).toBe(before);
  });

  test("shape mismatches throw ShapeError naming both shapes", () => {
    const m = bp.metrics.getMetric("accuracy");
    expect(() => m.update(t([[1], [0]]), t([[0.5], [0.5], [0.5]]))).toThrow(/\[2,1\].*\[3,1\]/);
    expect(() => m.update(t([[1], [0]]), t([[0.5], [0.5]]), t([1, 1, 1]))).toThrow(bp.ShapeError);
    expect(() => bp.metrics.categoricalAccuracy(t([[1, 0]]), t([[0.1, 0.2, 0.7]]))).toThrow(bp.ShapeError);
  });
});

describe("confusion matrix and report", () => {
  test("rows are true classes, columns predicted classes", () => {
    expect(bp.metrics.confusionMatrix([0, 1, 1, 2], [0, 0, 1, 1], 3)).toEqual([[1, 0, 0], [1, 1, 0], [0, 1, 0]]);
  });

  test("probability rows are reduced by argmax", () => {
    const cm = bp.metrics.confusionMatrix(bp.oneHot([0, 1], 2), t([[0.2, 0.8], [0.3, 0.7]]));
    expect(cm).toEqual([[0, 1], [0, 1]]);
  });

  test.each([
    ["different lengths", () => bp.metrics.confusionMatrix([0, 1], [0], 2), /2 labels but yPred has 1/],
    ["label out of range", () => bp.metrics.confusionMatrix([0, 3], [0, 1], 2), /yTrue\[1\] is 3, out of range for 2 classes/],
    ["non-integer label", () => bp.metrics.confusionMatrix([0, 0.5], [0, 1], 2), /yTrue\[1\] is 0.5/],
  ])("%s throws", (_name, f, message) => {
    expect(f).toThrow(bp.BackpropError);
    expect(f).toThrow(message);
  });

  test("the report of a perfect classifier", () => {
    const r = bp.metrics.classificationReport([0, 1, 1], [0, 1, 1]);
    expect(r.accuracy).toBe(1);
    expect(r.perClass).toEqual([{ precision: 1, recall: 1, f1: 1, support: 1 }, { precision: 1, recall: 1, f1: 1, support: 2 }]);
    expect(r.macro).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  test("formatConfusionMatrix aligns columns and uses class names", () => {
    const text = bp.metrics.formatConfusionMatrix([[12, 0], [3, 105]], { classNames: ["cat", "dog"] });
    const lines = text.trimEnd().split("\n");
    expect(lines[1]).toBe("    cat dog");
    expect(lines[2]).toBe("cat  12   0");
    expect(lines[3]).toBe("dog   3 105");
  });

  test("formatClassificationReport uses class names", () => {
    const r = bp.metrics.classificationReport([0, 1], [0, 1]);
    expect(bp.metrics.formatClassificationReport(r, { classNames: ["T-shirt/top", "Trouser"] })).toContain("T-shirt/top       1.00");
  });

  test("toFixedEven rounds exact ties to even like Python", () => {
    expect([0.125, 0.375, 0.725, 0.5, 2.5].map((v) => bp.metrics.toFixedEven(v, v >= 0.5 && v !== 0.725 ? 0 : 2))).toEqual(["0.12", "0.38", "0.72", "0", "2"]);
  });
});
