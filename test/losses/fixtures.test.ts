/**
 * Every loss case of nn.json (Keras 3 formulas evaluated by PyTorch in float64): the scalar value,
 * the per-sample values before the batch mean, and the gradient with respect to yPred — computed
 * here in float64 (tight) and in float32 (the dtype models train in).
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, F32, F64, fromFixture, nn, type FloatDType } from "./nn-fixtures.js";

type LossFn = (yTrue: bp.Tensor, yPred: bp.Tensor, options?: object) => bp.Tensor;
const losses = bp.losses as unknown as Record<string, LossFn>;

const tolerances: [FloatDType, typeof F64][] = [
  ["float64", F64],
  ["float32", F32],
];

describe.each(tolerances)("losses against nn.json in %s", (dtype, tol) => {
  test.each(nn.losses.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const loss = losses[c.loss];
    expect(loss, `bp.losses.${c.loss}`).toBeTypeOf("function");
    const yTrue = fromFixture(c.yTrue, dtype);
    const yPred = fromFixture(c.yPred, dtype);
    const { value, grad } = bp.valueAndGrad((p) => loss!(yTrue, p, c.config))(yPred);
    expect(value.dtype).toBe(dtype);
    expectClose(value, c.value, tol, "value");
    expectClose(grad, c.grad, tol, "grad");
    const configured = bp.losses.withOptions(c.loss as bp.losses.LossName, c.config as never);
    expectClose(bp.losses.getLoss(configured).unreduced(yTrue, yPred), c.perSample, tol, "perSample");
    expectClose(configured(yTrue, yPred), c.value, tol, "withOptions value");
  });
});

test("the fixture covers every loss the issue names", () => {
  const required = [
    "meanSquaredError",
    "meanAbsoluteError",
    "meanSquaredLogarithmicError",
    "binaryCrossentropy",
    "categoricalCrossentropy",
    "sparseCategoricalCrossentropy",
    "hinge",
    "squaredHinge",
    "categoricalHinge",
    "kullbackLeiblerDivergence",
    "huber",
    "logCosh",
    "cosineSimilarity",
  ];
  const covered = new Set(nn.losses.map((c) => c.loss));
  expect(required.filter((n) => !covered.has(n))).toEqual([]);
  expect(bp.losses.lossNames.filter((n) => !covered.has(n))).toEqual([]);
});

test("the fixture covers the loss options: label smoothing (with and without logits) and huber's delta", () => {
  const has = (loss: string, pred: (c: Record<string, unknown>) => boolean) =>
    nn.losses.some((c) => c.loss === loss && pred(c.config));
  for (const loss of ["categoricalCrossentropy", "binaryCrossentropy"]) {
    for (const fromLogits of [false, true]) {
      expect(
        has(loss, (c) => (c.labelSmoothing as number) > 0 && c.fromLogits === fromLogits),
        `${loss} fromLogits ${fromLogits}`,
      ).toBe(true);
    }
  }
  expect(has("huber", (c) => (c.delta as number) < 1)).toBe(true);
  expect(has("huber", (c) => (c.delta as number) > 1)).toBe(true);
});
