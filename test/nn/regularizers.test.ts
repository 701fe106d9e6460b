/**
 * Regularizers: values against the Keras definitions computed in plain float64 JS (l1·Σ|w|, l2·Σw²,
 * no ½), their gradients, defaults, serialization, and layers reporting them.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, F64, thrown } from "./helpers.js";

const values = [0.5, -1.25, 2, -0.1, 0, 3.3];
const w = bp.tensor(values, [2, 3], "float64");
const sumAbs = values.reduce((s, v) => s + Math.abs(v), 0);
const sumSq = values.reduce((s, v) => s + v * v, 0);

describe("values and gradients", () => {
  test.each([
    ["l1 default 0.01", bp.regularizers.l1(), 0.01 * sumAbs, values.map((v) => 0.01 * Math.sign(v))],
    ["l1 0.3", bp.regularizers.l1({ l1: 0.3 }), 0.3 * sumAbs, values.map((v) => 0.3 * Math.sign(v))],
    ["l2 default 0.01", bp.regularizers.l2(), 0.01 * sumSq, values.map((v) => 0.02 * v)],
    ["l2 0.5", bp.regularizers.l2({ l2: 0.5 }), 0.5 * sumSq, values.map((v) => v)],
    ["l1l2 defaults 0.01 / 0.01", bp.regularizers.l1l2(), 0.01 * sumAbs + 0.01 * sumSq, values.map((v) => 0.01 * Math.sign(v) + 0.02 * v)],
    ["l1l2 0.1 / 0.2", bp.regularizers.l1l2({ l1: 0.1, l2: 0.2 }), 0.1 * sumAbs + 0.2 * sumSq, values.map((v) => 0.1 * Math.sign(v) + 0.4 * v)],
  ] as const)("%s", (_n, r, value, grad) => {
    const p = r.apply(w);
    expect(p.shape).toEqual([]);
    expect(p.item()).toBeCloseTo(value, 12);
    expectClose(bp.grad((t: bp.Tensor) => r.apply(t))(w), [2, 3], grad, F64, "grad");
  });
});

describe("names and configs", () => {
  test("getRegularizer by name, object and config; serialize round trip", () => {
    expect(bp.regularizers.getRegularizer("l2")!.getConfig()).toEqual({ l2: 0.01 });
    expect(bp.regularizers.getRegularizer("l1_l2")!.className).toBe("L1L2");
    expect(bp.regularizers.getRegularizer(null)).toBeNull();
    const r = bp.regularizers.l1l2({ l1: 0.2, l2: 0.3 });
    expect(bp.regularizers.getRegularizer(r)).toBe(r);
    const json = JSON.parse(JSON.stringify(bp.regularizers.serializeRegularizer(r))) as bp.regularizers.RegularizerConfig;
    expect(json).toEqual({ className: "L1L2", config: { l1: 0.2, l2: 0.3 } });
    expect(bp.regularizers.getRegularizer(json)!.apply(w).item()).toBeCloseTo(r.apply(w).item(), 12);
  });

  test("unknown name: NotFoundError; negative factor: ValueError", () => {
    const e = thrown(() => bp.regularizers.getRegularizer("l3"));
    expect(e).toBeInstanceOf(bp.NotFoundError);
    expect(e.message).toBe('getRegularizer: unknown regularizer "l3" (did you mean "l1" or "l2"?); expected one of "l1", "l2", "l1l2"');
    const v = thrown(() => bp.regularizers.l2({ l2: -1 }));
    expect(v).toBeInstanceOf(bp.ValueError);
    expect(v.message).toBe("l2: l2 must be a non-negative finite number, got -1");
  });
});

describe("layers report their penalties", () => {
  test("dense: one scalar per regularized weight, from the current values, differentiable", () => {
    const layer = bp.layers.dense({ units: 2, kernelRegularizer: bp.regularizers.l2({ l2: 0.1 }), biasRegularizer: "l1", dtype: "float64" });
    layer.build([null, 3]);
    layer.setWeights([bp.tensor([[1, -2], [3, 0.5], [-1, 1]], undefined, "float64"), bp.tensor([0.5, -4], undefined, "float64")]);
    const losses = layer.regularizationLosses();
    expect(losses.map((l) => l.item())).toEqual([0.1 * (1 + 4 + 9 + 0.25 + 1 + 1), 0.01 * 4.5].map((v) => expect.closeTo(v, 12)));
    const { grads } = bp.valueAndGrads(() => bp.add(...(layer.regularizationLosses() as [bp.Tensor, bp.Tensor])), layer.trainableWeights);
    expectClose(grads[0]!, [3, 2], [0.2, -0.4, 0.6, 0.1, -0.2, 0.2], F64, "kernel grad");
    expectClose(grads[1]!, [2], [0.01, -0.01], F64, "bias grad");
  });

  test("no regularizer, or a frozen layer: no penalties", () => {
    const plain = bp.layers.dense({ units: 2 });
    plain.build([null, 3]);
    expect(plain.regularizationLosses()).toEqual([]);
    const frozen = bp.layers.conv2d({ filters: 1, kernelSize: 1, kernelRegularizer: "l2" });
    frozen.build([null, 4, 4, 1]);
    expect(frozen.regularizationLosses()).toHaveLength(1);
    frozen.trainable = false;
    expect(frozen.regularizationLosses()).toEqual([]);
  });

  test("every layer with weights takes its regularizers", () => {
    const cases: [bp.layers.Layer, (number | null)[], number][] = [
      [bp.layers.conv2d({ filters: 2, kernelSize: 2, kernelRegularizer: "l2", biasRegularizer: "l1" }), [null, 3, 3, 1], 2],
      [bp.layers.maxout({ units: 2, kernelRegularizer: "l2" }), [null, 3], 1],
      [bp.layers.embedding({ inputDim: 4, outputDim: 2, embeddingsRegularizer: "l1" }), [null, 3], 1],
      [bp.layers.batchNormalization({ gammaRegularizer: "l2", betaRegularizer: "l2" }), [null, 3], 2],
      [bp.layers.lstm({ units: 2, kernelRegularizer: "l2", recurrentRegularizer: "l2", biasRegularizer: "l2" }), [null, 2, 3], 3],
      [bp.layers.gru({ units: 2, recurrentRegularizer: "l1" }), [null, 2, 3], 1],
      [bp.layers.simpleRNN({ units: 2, kernelRegularizer: "l1l2" }), [null, 2, 3], 1],
    ];
    for (const [layer, shape, n] of cases) {
      layer.build(shape);
      const losses = layer.regularizationLosses();
      expect(losses, layer.name).toHaveLength(n);
      for (const l of losses) expect(l.shape).toEqual([]);
    }
  });
});
