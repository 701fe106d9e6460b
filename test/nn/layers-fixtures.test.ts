/**
 * Every layer case of test/fixtures/nn.json (PyTorch, float64, Keras weight layouts): forward output,
 * gradients of sum(output · cotangent) with respect to the input and every trainable weight, and
 * batchNormalization's moving-statistics update, and weight regularization penalties with their
 * gradients. Each case runs in float64 (tight tolerance: the math is the same) and in float32 (the
 * default dtype).
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, expectFixture, F32, F64, factory, fromFixture, layerCases, shortName, type FloatDType, type LayerCase, type Tolerance } from "./helpers.js";

const tolerance: Record<FloatDType, Tolerance> = { float64: F64, float32: F32 };

/** Recurrent chains accumulate float32 rounding over the steps. */
function tolFor(c: LayerCase, dtype: FloatDType): Tolerance {
  const t = tolerance[dtype];
  return dtype === "float32" && ["lstm", "gru", "simpleRNN"].includes(c.layer) ? { rtol: 3 * t.rtol, atol: 3 * t.atol } : t;
}

function run(c: LayerCase, dtype: FloatDType) {
  const layer = factory(c.layer)({ ...c.config, dtype });
  const x = fromFixture(c.input, dtype);
  layer.build([null, ...x.shape.slice(1)]);
  layer.setWeights(c.weights.map((w) => fromFixture(w, dtype)));
  const cot = fromFixture(c.cotangent, dtype);
  const xIsFloat = x.dtype !== "int32";
  const vars = [...(xIsFloat ? [x] : []), ...layer.trainableWeights];
  // the gradient call frees its intermediates, so the output is copied out while it lives
  let out: { shape: number[]; data: Float64Array; dtype: string } | undefined;
  const { grads } = bp.valueAndGrads(() => {
    const y = layer.apply(x, { training: c.training ?? false });
    out = { shape: [...y.shape], data: Float64Array.from(y.dataSync()), dtype: y.dtype };
    return y.mul(cot).sum();
  }, vars);
  const named = new Map<string, bp.Tensor>();
  if (xIsFloat) named.set("input", grads[0]!);
  layer.trainableWeights.forEach((w, i) => named.set(shortName(w), grads[i + (xIsFloat ? 1 : 0)]!));
  return { layer, out: out!, named };
}

describe.each(["float64", "float32"] as FloatDType[])("layers vs PyTorch fixtures (%s)", (dtype) => {
  test.each(layerCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const tol = tolFor(c, dtype);
    const { layer, out, named } = run(c, dtype);
    expect(layer.weights.map(shortName)).toEqual(c.weights.map((w) => w.name));
    expect(out.dtype).toBe(dtype);
    expect(out.shape).toEqual(c.output.shape);
    expectClose(bp.tensor(out.data, out.shape, "float64"), c.output.shape, c.output.data, tol, "output");
    const expectedGrads = Object.entries(c.grads).filter(([, g]) => g !== null);
    expect([...named.keys()].sort()).toEqual(expectedGrads.map(([k]) => k).sort());
    for (const [k, g] of expectedGrads) expectFixture(named.get(k)!, g!, tol, `grad ${k}`);
    // moving statistics: updated once in training, untouched in inference
    const after = c.updatedWeights ?? c.weights.filter((w) => layer.nonTrainableWeights.some((v) => shortName(v) === w.name));
    for (const w of after) {
      const v = layer.weights.find((lw) => shortName(lw) === w.name)!;
      expectFixture(v, w, tol, `updated ${w.name}`);
    }
    if (c.regularization) checkRegularization(layer, c.regularization, tol);
    else expect(layer.regularizationLosses()).toEqual([]);
  });
});

/** Each penalty's value, and the gradient of their sum with respect to every trainable weight. */
function checkRegularization(layer: bp.layers.Layer, reg: NonNullable<LayerCase["regularization"]>, tol: Tolerance) {
  const values: number[] = [];
  const { grads } = bp.valueAndGrads(() => {
    const losses = layer.regularizationLosses();
    values.push(...losses.map((l) => l.item()));
    return losses.reduce((a, b) => a.add(b));
  }, layer.trainableWeights);
  expect(values.length).toBe(reg.losses.length);
  reg.losses.forEach((l, i) => expectClose(bp.tensor([values[i]!], [], "float64"), l.shape, l.data, tol, `penalty ${l.name}`));
  layer.trainableWeights.forEach((w, i) => expectFixture(grads[i]!, reg.grads[shortName(w)]!, tol, `penalty grad ${shortName(w)}`));
}

test("the fixtures cover every layer of the API with weights or math of its own (dropout is the identity here)", () => {
  const covered = new Set(layerCases.map((c) => c.layer));
  for (const name of ["dense", "conv2d", "maxPooling2d", "averagePooling2d", "batchNormalization", "embedding", "simpleRNN", "lstm", "gru", "maxout", "flatten", "reshape", "activation"]) {
    expect(covered.has(name), name).toBe(true);
  }
  expect(layerCases.some((c) => c.regularization !== undefined && c.regularization.losses.length > 1)).toBe(true);
  expect(layerCases.some((c) => c.layer === "conv2d" && c.config.padding === "same" && c.input.shape[1]! % 2 === 0 && (c.config.strides as number[])[0] === 2)).toBe(true);
  for (const rnn of ["lstm", "gru"]) {
    expect(layerCases.some((c) => c.layer === rnn && c.input.shape[0] === 1 && c.input.shape[1] === 1), rnn).toBe(true);
  }
  expect(layerCases.some((c) => c.layer === "batchNormalization" && c.training === true)).toBe(true);
  expect(layerCases.some((c) => c.layer === "batchNormalization" && c.training === false)).toBe(true);
  expect(layerCases.some((c) => c.layer === "gru" && c.config.resetAfter === false)).toBe(true);
});
