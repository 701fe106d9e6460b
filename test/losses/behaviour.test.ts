/**
 * Losses beyond the fixture table: stability for huge logits, fromLogits and label smoothing
 * agreeing with their definitions, Keras's rank alignment, label checks, names for compile,
 * per-sample values, and numerical gradient checks of the losses the fixture lacks.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

const L = bp.losses;
const f64 = (values: number[] | number[][], shape?: number[]) => bp.tensor(values, shape, "float64");
const allFinite = (t: bp.Tensor) => Array.from(t.dataSync()).every(Number.isFinite);

describe("stability for logits of ±1000", () => {
  const logits = bp.tensor([
    [1000, -1000, 0],
    [-1000, 1000, 0],
    [0, -1000, 1000],
  ]);
  const oneHot = bp.tensor([
    [1, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
  ]);

  test("softmax followed by categoricalCrossentropy: the loss is taken from the logits (as Keras), exact and finite", () => {
    const { value, grad } = bp.valueAndGrad((x) => L.categoricalCrossentropy(oneHot, bp.softmax(x)))(logits);
    const direct = bp.valueAndGrad((x) => L.categoricalCrossentropy(oneHot, x, { fromLogits: true }))(logits);
    expect(allFinite(grad)).toBe(true);
    // not clipped at −log(1e-7): the logit gaps 0, 2000, 2000 averaged
    expect(value.item()).toBeCloseTo(4000 / 3, 3);
    expect(value.item()).toBe(direct.value.item());
    expect(Array.from(grad.dataSync())).toEqual(Array.from(direct.grad.dataSync()));
  });

  test("probabilities that are not a softmax output, or a leaf whose gradient is asked for, go through the clipped log", () => {
    const probs = bp.tidy(() => bp.softmax(logits));
    // a copy of the same values is just probabilities: wrong predictions sit at the clipping floor −log(1e-7)
    const copy = bp.tensor(probs.toArray() as number[][]);
    expect(L.categoricalCrossentropy(oneHot, copy).item()).toBeCloseTo((2 * -Math.log(1e-7)) / 3, 2);
    // a softmax output as the variable of a gradient: the loss goes through it (renormalized: −1/p₀ + 1/Σp)
    const p = bp.softmax(bp.tensor([[0.5, 0, -0.5]]));
    const gp = bp.grad((q) => L.categoricalCrossentropy(bp.tensor([[1, 0, 0]]), q))(p);
    expect(gp.dataSync()[0]).toBeCloseTo(1 - 1 / (p.dataSync()[0] as number), 4);
  });

  test("fromLogits on the three cross-entropies: finite, and equal to the logit gap", () => {
    const cce = bp.valueAndGrad((x) => L.categoricalCrossentropy(oneHot, x, { fromLogits: true }))(logits);
    const sparse = bp.valueAndGrad((x) =>
      L.sparseCategoricalCrossentropy(bp.tensor([0, 0, 1], [3], "int32"), x, { fromLogits: true }),
    )(logits);
    // −log softmax(x)[label] = max(x) − x[label] when the other logits vanish: 0, 2000, 2000
    expect(cce.value.item()).toBeCloseTo(4000 / 3, 3);
    expect(sparse.value.item()).toBe(cce.value.item());
    expect(allFinite(cce.grad) && allFinite(sparse.grad)).toBe(true);
    const bce = bp.valueAndGrad((x) => L.binaryCrossentropy(bp.tensor([[1, 0, 1]]), x, { fromLogits: true }))(
      bp.tensor([[1000, 1000, -1000]]),
    );
    expect(bce.value.item()).toBeCloseTo(2000 / 3, 3);
    expect(allFinite(bce.grad)).toBe(true);
  });
});

describe("options agree with their definitions", () => {
  const logits = f64([
    [0.3, -1.2, 2.0],
    [1.5, 0.1, -0.4],
  ]);
  const y = f64([
    [0, 0, 1],
    [1, 0, 0],
  ]);

  test("fromLogits equals the loss of softmax / sigmoid probabilities for moderate logits", () => {
    const a = L.categoricalCrossentropy(y, logits, { fromLogits: true }).item();
    expect(a).toBeCloseTo(L.categoricalCrossentropy(y, bp.softmax(logits)).item(), 12);
    const b = L.binaryCrossentropy(y, logits, { fromLogits: true }).item();
    expect(b).toBeCloseTo(L.binaryCrossentropy(y, bp.sigmoid(logits)).item(), 12);
    const labels = bp.tensor([2, 0], [2], "int32");
    expect(L.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true }).item()).toBeCloseTo(a, 12);
  });

  test("labelSmoothing equals the loss of smoothed targets (Keras: y(1−s) + s/classes, binary s/2)", () => {
    const s = 0.2;
    const smoothed = y.mul(1 - s).add(s / 3);
    const cce = L.categoricalCrossentropy(y, logits, { fromLogits: true, labelSmoothing: s }).item();
    expect(cce).toBeCloseTo(L.categoricalCrossentropy(smoothed, logits, { fromLogits: true }).item(), 12);
    const p = bp.sigmoid(logits);
    const bce = L.binaryCrossentropy(y, p, { labelSmoothing: s }).item();
    expect(bce).toBeCloseTo(L.binaryCrossentropy(y.mul(1 - s).add(s / 2), p).item(), 12);
  });

  test("huber with a delta above every error is half the squared error", () => {
    const t = f64([[1, 2, 3]]);
    const p = f64([[1.5, 0, 3.25]]);
    expect(L.huber(t, p, { delta: 10 }).item()).toBeCloseTo(L.meanSquaredError(t, p).item() / 2, 14);
  });

  test("logCosh is log(cosh(e)) averaged, and stays finite for huge errors", () => {
    const t = f64([[0, 1, -2]]);
    const p = f64([[0.5, -1, 1]]);
    const e = p.sub(t);
    const direct = e.exp().add(e.neg().exp()).mul(0.5).log().mean();
    expect(L.logCosh(t, p).item()).toBeCloseTo(direct.item(), 14);
    const huge = L.logCosh(f64([[0]]), f64([[1000]])).item();
    expect(huge).toBeCloseTo(1000 - Math.LN2, 9);
  });

  test("cosineSimilarity is −1 for the same direction and 1 for the opposite one", () => {
    const t = f64([
      [1, 2, 2],
      [0, 3, 4],
    ]);
    expect(L.cosineSimilarity(t, t.mul(5)).item()).toBeCloseTo(-1, 14);
    expect(L.cosineSimilarity(t, t.neg()).item()).toBeCloseTo(1, 14);
  });

  test.each([
    ["logCosh", (p: bp.Tensor) => L.logCosh(f64([[0.2, -0.4, 1.1]]), p)],
    ["cosineSimilarity", (p: bp.Tensor) => L.cosineSimilarity(f64([[0.2, -0.4, 1.1]]), p)],
    ["huber delta 0.5", (p: bp.Tensor) => L.huber(f64([[0.2, -0.4, 1.1]]), p, { delta: 0.5 })],
    [
      "binaryCrossentropy smoothed",
      (p: bp.Tensor) => L.binaryCrossentropy(f64([[0, 1, 1]]), p, { labelSmoothing: 0.1 }),
    ],
  ])("%s passes a numerical gradient check", (_name, f) => {
    const result = bp.checkGrad(f, f64([[0.35, 0.6, -0.7]]));
    expect(result.maxRelError).toBeLessThan(1e-6);
  });
});

describe("shapes", () => {
  test("[batch] labels with [batch, 1] predictions are aligned as in Keras", () => {
    const t = f64([1, 0, 1]);
    const p = f64([[0.9], [0.2], [0.6]]);
    expect(L.meanSquaredError(t, p).item()).toBe(L.meanSquaredError(t.reshape([3, 1]), p).item());
    expect(L.binaryCrossentropy(p.reshape([3]), t.reshape([3, 1])).item()).toBeCloseTo(
      L.binaryCrossentropy(p, t.reshape([3, 1])).item(),
      14,
    );
  });

  test("the per-sample values of getLoss have shape [batch] and average to the loss", () => {
    const t = bp.randn([4, 3, 2], { seed: 3, dtype: "float64" });
    const p = bp.randn([4, 3, 2], { seed: 4, dtype: "float64" });
    const { perSample, unreduced } = L.getLoss("meanSquaredError");
    expect(unreduced(t, p).shape).toEqual([4, 3]);
    const values = perSample(t, p);
    expect(values.shape).toEqual([4]);
    expect(values.mean().item()).toBeCloseTo(L.meanSquaredError(t, p).item(), 14);
  });

  test.each([
    [
      "meanSquaredError",
      bp.zeros([4, 3]),
      bp.zeros([4, 2]),
      "meanSquaredError: yTrue shape [4,3] does not match yPred shape [4,2]",
    ],
    [
      "hinge",
      bp.zeros([2, 3]),
      bp.zeros([3, 2]),
      "hinge: yTrue shape [2,3] does not match yPred shape [3,2]",
    ],
    [
      "categoricalCrossentropy",
      bp.tensor([0, 2, 1, 1], [4], "int32"),
      bp.zeros([4, 3]),
      "categoricalCrossentropy: yTrue shape [4] does not match yPred shape [4,3]; for integer class labels use sparseCategoricalCrossentropy",
    ],
    [
      "sparseCategoricalCrossentropy",
      bp.tensor([0, 1], [2], "int32"),
      bp.zeros([4, 3]),
      "sparseCategoricalCrossentropy: yTrue shape [2] does not fit yPred shape [4,3]; expected integer class indices of shape [4]",
    ],
  ])("%s: a shape mismatch is a ShapeError naming the loss and both shapes", (name, t, p, message) => {
    const loss = (L as unknown as Record<string, (a: bp.Tensor, b: bp.Tensor) => bp.Tensor>)[name]!;
    expect(() => loss(t, p)).toThrow(bp.ShapeError);
    expect(() => loss(t, p)).toThrow(message);
  });
});

describe("label checks of the sparse loss", () => {
  const probs = bp.tensor([
    [0.2, 0.5, 0.3],
    [0.6, 0.3, 0.1],
  ]);
  test.each([
    [
      "one-hot labels",
      bp.tensor([
        [0, 1, 0],
        [1, 0, 0],
      ]),
      "sparseCategoricalCrossentropy: yTrue has the shape of yPred [2,3], so it looks one-hot encoded; pass integer class indices of shape [2] or use categoricalCrossentropy",
    ],
    [
      "a label out of range",
      bp.tensor([1, 3], [2], "int32"),
      "sparseCategoricalCrossentropy: label 3 at position 1 is out of range for 3 classes (yPred shape [2,3]); expected integers in [0, 2]",
    ],
    [
      "a negative label",
      bp.tensor([-1, 0], [2], "int32"),
      "label -1 at position 0 is out of range for 3 classes",
    ],
    [
      "a non-integer label",
      bp.tensor([0.5, 1]),
      "sparseCategoricalCrossentropy: label 0.5 at position 0 is not an integer class index",
    ],
  ])("%s is a ValueError naming the loss and the value", (_name, labels, message) => {
    expect(() => L.sparseCategoricalCrossentropy(labels, probs)).toThrow(bp.ValueError);
    expect(() => L.sparseCategoricalCrossentropy(labels, probs)).toThrow(message);
  });

  test("float labels holding integers and [batch, 1] labels are accepted", () => {
    const expected = L.sparseCategoricalCrossentropy(bp.tensor([1, 0], [2], "int32"), probs).item();
    expect(L.sparseCategoricalCrossentropy(bp.tensor([1, 0]), probs).item()).toBe(expected);
    expect(L.sparseCategoricalCrossentropy(bp.tensor([[1], [0]], [2, 1], "int32"), probs).item()).toBe(
      expected,
    );
  });
});

describe("bad arguments", () => {
  test.each([
    [
      "unknown option",
      () => L.categoricalCrossentropy(bp.ones([1, 2]), bp.ones([1, 2]), { from_logits: true } as never),
      bp.ValueError,
      'categoricalCrossentropy: unknown option "from_logits"; valid options: fromLogits, labelSmoothing',
    ],
    [
      "non-boolean fromLogits",
      () => L.binaryCrossentropy(bp.ones([1, 2]), bp.ones([1, 2]), { fromLogits: 1 as never }),
      bp.ValueError,
      "binaryCrossentropy: fromLogits must be a boolean, got 1",
    ],
    [
      "labelSmoothing > 1",
      () => L.categoricalCrossentropy(bp.ones([1, 2]), bp.ones([1, 2]), { labelSmoothing: 2 }),
      bp.ValueError,
      "labelSmoothing must be a number in [0, 1], got 2",
    ],
    [
      "huber delta 0",
      () => L.huber(bp.ones([1, 2]), bp.ones([1, 2]), { delta: 0 }),
      bp.ValueError,
      "huber: delta must be a positive finite number, got 0",
    ],
    [
      "an array for yTrue",
      () => L.meanSquaredError([1, 2] as never, bp.ones([2])),
      bp.ValueError,
      "meanSquaredError: yTrue must be a Tensor, got an array (wrap it with bp.tensor)",
    ],
    [
      "int32 predictions",
      () => L.meanAbsoluteError(bp.ones([2]), bp.ones([2], "int32")),
      bp.DTypeError,
      "meanAbsoluteError: yPred must be a float tensor, got int32",
    ],
    [
      "a scalar prediction",
      () => L.hinge(bp.scalar(1), bp.scalar(1)),
      bp.ShapeError,
      "hinge: yPred must have rank ≥ 1",
    ],
    [
      "an empty batch",
      () => L.meanSquaredError(bp.zeros([0, 2]), bp.zeros([0, 2])),
      bp.ValueError,
      "meanSquaredError: yPred [0,2] is empty",
    ],
  ])("%s", (_name, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});

describe("getLoss and withOptions", () => {
  test("camelCase, snake_case, Keras class names and short aliases resolve to the canonical name", () => {
    const cases: [string, string][] = [
      ["categoricalCrossentropy", "categoricalCrossentropy"],
      ["categorical_crossentropy", "categoricalCrossentropy"],
      ["SparseCategoricalCrossentropy", "sparseCategoricalCrossentropy"],
      ["mse", "meanSquaredError"],
      ["MAE", "meanAbsoluteError"],
      ["msle", "meanSquaredLogarithmicError"],
      ["kld", "kullbackLeiblerDivergence"],
      ["squared_hinge", "squaredHinge"],
      ["huber", "huber"],
    ];
    for (const [given, canonical] of cases) expect(L.getLoss(given).name, given).toBe(canonical);
  });

  test("a built-in loss function resolves to itself, with per-sample values", () => {
    const r = L.getLoss(L.binaryCrossentropy);
    expect(r.name).toBe("binaryCrossentropy");
    expect(r.perSample(bp.tensor([[1], [0]]), bp.tensor([[0.8], [0.3]])).shape).toEqual([2]);
  });

  test("withOptions keeps the options in the per-sample values", () => {
    const loss = L.withOptions("sparseCategoricalCrossentropy", { fromLogits: true });
    const labels = bp.tensor([2, 0], [2], "int32");
    const logits = bp.tensor([
      [0.3, -1.2, 2.0],
      [1.5, 0.1, -0.4],
    ]);
    const r = L.getLoss(loss);
    expect(r.name).toBe("sparseCategoricalCrossentropy");
    expect(r.perSample(labels, logits).mean().item()).toBeCloseTo(loss(labels, logits).item(), 6);
    expect(loss(labels, logits).item()).toBe(
      L.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true }).item(),
    );
    expect(r.config).toEqual({ name: "sparseCategoricalCrossentropy", options: { fromLogits: true } });
    expect(L.getLoss("mse").config).toEqual({ name: "meanSquaredError", options: {} });
    expect(() => L.withOptions("huber", { delta: -1 })).toThrow(bp.ValueError);
  });

  test("a custom function: per-sample values are averaged over extra axes, a scalar repeats", () => {
    const perRow = L.getLoss((t, p) => t.sub(p).abs());
    expect(perRow.name).toBe("loss");
    expect(perRow.config).toBeNull();
    expect(perRow.perSample(bp.zeros([2, 3]), bp.ones([2, 3])).toArray()).toEqual([1, 1]);
    const scalar = L.getLoss(function myLoss(t, p) {
      return t.sub(p).abs().mean();
    });
    expect(scalar.name).toBe("myLoss");
    expect(scalar.perSample(bp.zeros([3, 1]), bp.ones([3, 1])).toArray()).toEqual([1, 1, 1]);
  });

  test("an unknown name is a NotFoundError listing the valid names", () => {
    expect(() => L.getLoss("crossEntropy")).toThrow(bp.NotFoundError);
    expect(() => L.getLoss("crossEntropy")).toThrow(
      'getLoss: unknown loss "crossEntropy"; valid names: meanSquaredError, meanAbsoluteError, meanSquaredLogarithmicError, huber',
    );
    expect(() => L.getLoss(42 as never)).toThrow(bp.ValueError);
  });
});

test("a loss inside tidy leaves no tensors behind", () => {
  const t = bp.tensor([[0, 1, 0]]);
  const p = bp.tensor([[0.2, 0.7, 0.1]]);
  const before = bp.memory().numTensors;
  for (const name of L.lossNames) {
    bp.tidy(() => {
      (L as unknown as Record<string, (a: bp.Tensor, b: bp.Tensor) => bp.Tensor>)[name]!(
        name === "sparseCategoricalCrossentropy" ? bp.tensor([1], [1], "int32") : t,
        p,
      );
    });
  }
  expect(bp.memory().numTensors).toBe(before);
});
