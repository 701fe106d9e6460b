/**
 * Layer behaviour that the PyTorch fixtures do not pin: maxout against its definition in plain JS,
 * dropout statistics and seeding, shape layers, embedding inputs, batch-normalization state over
 * several steps and when frozen, Keras default initializers (unitForgetBias, orthogonal recurrent
 * kernels), goBackwards, trainable flags, names, output shapes, and memory.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, expectSame, F64, shortName } from "./helpers.js";

const f64 = (shape: number[], seed: number): bp.Tensor => bp.rand(shape, { seed, minval: -1, maxval: 1, dtype: "float64" });

describe("maxout", () => {
  test("each unit is the max of its pieces (plain-JS reference) and gradients match central differences", () => {
    const [n, inDim, units, pieces] = [3, 4, 2, 3];
    const layer = bp.layers.maxout({ units, pieces, dtype: "float64" });
    const x = f64([n, inDim], 1);
    const y = layer.apply(x);
    const [w, b] = layer.weights as [bp.Variable, bp.Variable];
    expect(w.shape).toEqual([inDim, units * pieces]);
    b.assign(f64([units * pieces], 2));
    const xd = x.dataSync();
    const wd = w.dataSync();
    const bd = b.dataSync();
    const expected: number[] = [];
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < units; j++) {
        let best = -Infinity;
        for (let p = 0; p < pieces; p++) {
          const col = j * pieces + p;
          let z = bd[col]!;
          for (let i = 0; i < inDim; i++) z += xd[r * inDim + i]! * wd[i * units * pieces + col]!;
          best = Math.max(best, z);
        }
        expected.push(best);
      }
    }
    expect(y.shape).toEqual([n, units]);
    expectClose(layer.apply(x), [n, units], expected, F64, "maxout");
    expect(bp.checkGrad((t: bp.Tensor) => layer.apply(t).square().sum(), x, { eps: 1e-6 }).maxRelError).toBeLessThan(1e-6);
    const kernelGrad = bp.valueAndGrads(() => layer.apply(x).square().sum(), [w]).grads[0]!;
    const eps = 1e-6;
    const numeric: number[] = [];
    const base = w.dataSync();
    for (let i = 0; i < base.length; i++) {
      const at = (d: number): number => {
        const v = Float64Array.from(base);
        v[i] = v[i]! + d;
        w.assign(bp.tensor(v, w.shape, "float64"));
        return layer.apply(x).square().sum().item();
      };
      numeric.push((at(eps) - at(-eps)) / (2 * eps));
    }
    w.assign(bp.tensor(base, w.shape, "float64"));
    expectClose(kernelGrad, w.shape, numeric, { rtol: 1e-6, atol: 1e-8 }, "kernel grad");
  });

  test("acts on the last axis of higher-rank input", () => {
    const layer = bp.layers.maxout({ units: 2, pieces: 2 });
    const x = bp.randn([2, 3, 5], { seed: 3 });
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 3, 2]);
    expectSame(y.reshape([6, 2]), layer.apply(x.reshape([6, 5])), { rtol: 1e-6, atol: 1e-7 });
  });
});

describe("dropout", () => {
  const x = bp.ones([200, 100]);

  test("inference is the identity; training drops about `rate` and scales the rest by 1/(1-rate)", () => {
    const layer = bp.layers.dropout({ rate: 0.3, seed: 1 });
    expect(layer.apply(x)).toBe(x);
    const y = layer.apply(x, { training: true }).dataSync();
    const zeros = y.filter((v) => v === 0).length;
    expect(Math.abs(zeros / y.length - 0.3)).toBeLessThan(0.01);
    for (const v of y) expect(v === 0 || Math.abs(v - 1 / 0.7) < 1e-6).toBe(true);
  });

  test("rate 0 passes the input through", () => {
    expect(bp.layers.dropout({ rate: 0 }).apply(x, { training: true })).toBe(x);
  });

  test("seeded layers repeat their mask sequence; unseeded ones follow bp.setSeed", () => {
    const a = bp.layers.dropout({ rate: 0.5, seed: 7 });
    const b = bp.layers.dropout({ rate: 0.5, seed: 7 });
    const a1 = a.apply(x, { training: true }).dataSync();
    const a2 = a.apply(x, { training: true }).dataSync();
    expect([...a1]).toEqual([...b.apply(x, { training: true }).dataSync()]);
    expect([...a1]).not.toEqual([...a2]);
    const u = bp.layers.dropout({ rate: 0.5 });
    bp.setSeed(5);
    const u1 = u.apply(x, { training: true }).dataSync();
    bp.setSeed(5);
    expect([...u.apply(x, { training: true }).dataSync()]).toEqual([...u1]);
  });

  test("noiseShape shares one mask along size-1 axes", () => {
    const layer = bp.layers.dropout({ rate: 0.5, noiseShape: [null, 1, 4], seed: 3 });
    const y = layer.apply(bp.ones([2, 5, 4]), { training: true }).toArray() as number[][][];
    for (const sample of y) for (const row of sample) expect(row).toEqual(sample[0]);
  });

  test("the gradient is the mask", () => {
    const layer = bp.layers.dropout({ rate: 0.5, seed: 4 });
    const x2 = f64([4, 6], 2);
    let mask: Float64Array | undefined;
    const g = bp.grad((t: bp.Tensor) => {
      const y = layer.apply(t, { training: true });
      mask = Float64Array.from(y.div(t).dataSync());
      return y.sum();
    })(x2);
    expectClose(g, [4, 6], mask!, F64, "grad");
  });
});

describe("shape layers", () => {
  test("flatten keeps row-major order; reshape resolves -1", () => {
    const x = bp.arange(0, 24).reshape([2, 3, 4]);
    const f = bp.layers.flatten().apply(x);
    expect(f.shape).toEqual([2, 12]);
    expect([...f.dataSync()]).toEqual([...x.dataSync()]);
    const r = bp.layers.reshape({ targetShape: [4, -1] }).apply(x);
    expect(r.shape).toEqual([2, 4, 3]);
    expect([...r.dataSync()]).toEqual([...x.dataSync()]);
    expect(bp.layers.reshape({ targetShape: [-1] }).computeOutputShape([null, 3, 4])).toEqual([null, 12]);
    expect(bp.layers.reshape({ targetShape: [2, -1] }).computeOutputShape([null, null, 4])).toEqual([null, 2, null]);
  });

  test("activation layer applies named and custom functions", () => {
    const x = f64([3, 4], 5);
    expectSame(bp.layers.activation({ activation: "tanh" }).apply(x), x.tanh());
    const cube = (t: bp.Tensor): bp.Tensor => t.pow(3);
    expectSame(bp.layers.activation({ activation: cube }).apply(x), x.pow(3));
  });
});

describe("embedding", () => {
  test("float inputs holding integers work like int32; repeated indices accumulate gradient", () => {
    const layer = bp.layers.embedding({ inputDim: 4, outputDim: 2, dtype: "float64" });
    const yi = layer.apply(bp.tensor([[1, 1, 3]], undefined, "int32"));
    const yf = layer.apply(bp.tensor([[1, 1, 3]]));
    expectSame(yf, yi);
    const table = layer.weights[0]!;
    const g = bp.valueAndGrads(() => layer.apply(bp.tensor([[1, 1, 3]])).sum(), [table]).grads[0]!;
    expect(g.toArray()).toEqual([[0, 0], [2, 2], [0, 0], [1, 1]]);
  });

  test("default initializer is Keras's uniform ±0.05", () => {
    const layer = bp.layers.embedding({ inputDim: 100, outputDim: 50 });
    layer.build([null, 2]);
    const d = layer.weights[0]!.dataSync();
    expect(Math.max(...d)).toBeLessThanOrEqual(0.05);
    expect(Math.min(...d)).toBeGreaterThanOrEqual(-0.05);
    expect(Math.max(...d)).toBeGreaterThan(0.04);
  });
});

describe("batchNormalization state", () => {
  test("k training steps on the same batch move the statistics geometrically: moving_k = m·(1 - 0.99^k) + 0.99^k·init", () => {
    const bn = bp.layers.batchNormalization({ dtype: "float64" });
    const x = f64([8, 3], 6).mul(2).add(1);
    const mean = x.mean(0);
    const variance = x.variance(0);
    for (let k = 0; k < 5; k++) bn.apply(x, { training: true });
    const decay = 0.99 ** 5;
    expectSame(bn.weights[2]!, mean.mul(1 - decay), F64, "movingMean");
    expectSame(bn.weights[3]!, variance.mul(1 - decay).add(decay), F64, "movingVariance");
  });

  test("inference leaves the statistics alone; a frozen layer normalizes with them even when training", () => {
    const bn = bp.layers.batchNormalization({ dtype: "float64", movingMeanInitializer: bp.initializers.constant({ value: 0.5 }) });
    const x = f64([6, 2], 7);
    const inference = bn.apply(x);
    expect([...bn.weights[2]!.dataSync()]).toEqual([0.5, 0.5]);
    bn.trainable = false;
    expectSame(bn.apply(x, { training: true }), inference);
    expect([...bn.weights[2]!.dataSync()]).toEqual([0.5, 0.5]);
    expect(bn.trainableWeights).toEqual([]);
  });

  test("axis 1 of NCHW-like input equals axis -1 of the transposed input", () => {
    const x = f64([2, 3, 4, 4], 8);
    const a = bp.layers.batchNormalization({ axis: 1, dtype: "float64" });
    const b = bp.layers.batchNormalization({ axis: -1, dtype: "float64" });
    const ya = a.apply(x, { training: true });
    const yb = b.apply(x.transpose([0, 2, 3, 1]), { training: true });
    expectSame(ya, yb.transpose([0, 3, 1, 2]));
    expectSame(a.weights[2]!, b.weights[2]!);
  });

  test("center and scale off: only the moving statistics exist", () => {
    const bn = bp.layers.batchNormalization({ center: false, scale: false });
    bn.build([null, 4]);
    expect(bn.weights.map(shortName)).toEqual(["movingMean", "movingVariance"]);
    expect(bn.trainableWeights).toEqual([]);
  });
});

describe("Keras default initializers", () => {
  test("lstm: forget-gate bias starts at 1 (unitForgetBias), else 0; recurrent kernel has orthonormal rows", () => {
    const l = bp.layers.lstm({ units: 3 });
    l.build([null, 5, 2]);
    expect([...l.weights[2]!.dataSync()]).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const off = bp.layers.lstm({ units: 3, unitForgetBias: false });
    off.build([null, 5, 2]);
    expect([...off.weights[2]!.dataSync()].every((v) => v === 0)).toBe(true);
    const u = l.weights[1]!;
    expectClose(u.matmul(u, false, true), [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1], { rtol: 0, atol: 1e-6 }, "U·Uᵀ");
  });

  test("dense / conv2d kernels are glorotUniform, biases zeros", () => {
    const d = bp.layers.dense({ units: 30 });
    d.build([null, 20]);
    const limit = Math.sqrt(6 / 50);
    const k = d.weights[0]!.dataSync();
    expect(Math.max(...k.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...k.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    expect([...d.weights[1]!.dataSync()].every((v) => v === 0)).toBe(true);
    const c = bp.layers.conv2d({ filters: 8, kernelSize: 3 });
    c.build([null, 5, 5, 4]);
    const climit = Math.sqrt(6 / (9 * 4 + 9 * 8));
    expect(Math.max(...c.weights[0]!.dataSync().map(Math.abs))).toBeLessThanOrEqual(climit);
  });
});

describe("recurrent options", () => {
  test.each(["simpleRNN", "lstm", "gru"])("%s goBackwards equals running on the time-reversed input", (name) => {
    const make = (goBackwards: boolean) => (bp.layers as unknown as Record<string, (a: object) => bp.layers.Layer>)[name]!({ units: 2, goBackwards, dtype: "float64" });
    const fwd = make(false);
    const bwd = make(true);
    const x = f64([2, 4, 3], 9);
    fwd.build([null, 4, 3]);
    bwd.build([null, 4, 3]);
    bwd.setWeights(fwd.getWeights());
    const reversed = bp.concat([3, 2, 1, 0].map((t) => x.slice([0, t, 0], [2, 1, 3])), 1);
    expectSame(bwd.apply(x), fwd.apply(reversed));
  });

  test("unsupported Keras options are errors, not silently ignored", () => {
    expect(() => bp.layers.lstm({ units: 2, dropout: 0.5 } as bp.layers.LSTMArgs)).toThrow(/option dropout is not supported/);
  });
});

describe("trainable flag, names, output shapes", () => {
  test("trainable false freezes every weight; true restores them", () => {
    const d = bp.layers.dense({ units: 2 });
    d.build([null, 3]);
    d.trainable = false;
    expect(d.trainableWeights).toEqual([]);
    expect(d.nonTrainableWeights.map(shortName)).toEqual(["kernel", "bias"]);
    expect(d.weights.every((w) => !w.trainable)).toBe(true);
    d.trainable = true;
    expect(d.trainableWeights.map(shortName)).toEqual(["kernel", "bias"]);
    expect(d.weights.every((w) => w.trainable)).toBe(true);
    const frozen = bp.layers.dense({ units: 2, trainable: false });
    frozen.build([null, 3]);
    expect(frozen.trainableWeights).toEqual([]);
  });

  test("default names are snake_case class names with a per-class counter", () => {
    expect(bp.layers.snakeCase("Conv2D")).toBe("conv2d");
    expect(bp.layers.snakeCase("BatchNormalization")).toBe("batch_normalization");
    expect(bp.layers.snakeCase("SimpleRNN")).toBe("simple_rnn");
    expect(bp.layers.snakeCase("MaxPooling2D")).toBe("max_pooling2d");
    expect(bp.layers.snakeCase("LSTM")).toBe("lstm");
    const a = bp.layers.gru({ units: 1 }).name;
    const b = bp.layers.gru({ units: 1 }).name;
    expect(a).toMatch(/^gru_\d+$/);
    expect(Number(b.slice(4))).toBe(Number(a.slice(4)) + 1);
    expect(bp.layers.dense({ units: 1, name: "head" }).name).toBe("head");
    const d = bp.layers.dense({ units: 1, name: "out" });
    d.build([null, 2]);
    expect(d.weights.map((w) => w.name)).toEqual(["out/kernel", "out/bias"]);
  });

  const cases: [string, () => bp.layers.Layer, number[]][] = [
    ["dense", () => bp.layers.dense({ units: 3 }), [2, 5, 4]],
    ["conv2d valid s2", () => bp.layers.conv2d({ filters: 2, kernelSize: [3, 2], strides: 2 }), [1, 7, 6, 3]],
    ["conv2d same s2", () => bp.layers.conv2d({ filters: 2, kernelSize: 3, strides: [2, 3], padding: "same" }), [1, 7, 7, 1]],
    ["maxPooling2d", () => bp.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: "same" }), [1, 5, 6, 2]],
    ["averagePooling2d", () => bp.layers.averagePooling2d({}), [2, 5, 4, 1]],
    ["flatten", () => bp.layers.flatten(), [2, 3, 4]],
    ["reshape", () => bp.layers.reshape({ targetShape: [3, -1] }), [2, 6, 2]],
    ["dropout", () => bp.layers.dropout({ rate: 0.5 }), [2, 3]],
    ["activation", () => bp.layers.activation({ activation: "softmax" }), [2, 3]],
    ["batchNormalization", () => bp.layers.batchNormalization(), [4, 3]],
    ["maxout", () => bp.layers.maxout({ units: 2, pieces: 3 }), [2, 5]],
    ["embedding", () => bp.layers.embedding({ inputDim: 10, outputDim: 3 }), [2, 5]],
    ["simpleRNN seq", () => bp.layers.simpleRNN({ units: 3, returnSequences: true }), [2, 4, 2]],
    ["lstm last", () => bp.layers.lstm({ units: 3 }), [2, 4, 2]],
    ["gru seq", () => bp.layers.gru({ units: 3, returnSequences: true }), [2, 4, 2]],
  ];
  test.each(cases)("%s: computeOutputShape matches the applied output", (_n, make, shape) => {
    const layer = make();
    const inShape = [null, ...shape.slice(1)];
    const predicted = layer.computeOutputShape(inShape);
    const y = layer.apply(bp.zeros(shape));
    expect(predicted).toEqual([null, ...y.shape.slice(1)]);
    expect(layer.countParams()).toBe(layer.weights.reduce((n, w) => n + w.size, 0));
  });

  test("the 3-4-2 network's dense layers hold 26 parameters", () => {
    const a = bp.layers.dense({ units: 4, inputShape: [3] });
    const b = bp.layers.dense({ units: 2 });
    b.apply(a.apply(bp.zeros([1, 3])));
    expect(a.countParams() + b.countParams()).toBe(3 * 4 + 4 + 4 * 2 + 2);
  });
});

describe("memory", () => {
  test("weights built inside tidy survive it; applying in tidy leaks nothing (batchNormalization update included)", () => {
    const layers = [bp.layers.dense({ units: 3 }), bp.layers.batchNormalization(), bp.layers.lstm({ units: 2 })];
    const xs = [bp.randn([4, 5], { seed: 1 }), bp.randn([4, 3], { seed: 2 }), bp.randn([2, 3, 2], { seed: 3 })];
    layers.forEach((l, i) => bp.tidy(() => l.apply(xs[i]!, { training: true })));
    for (const l of layers) for (const w of l.weights) expect(w.isDisposed).toBe(false);
    const before = bp.memory().numTensors;
    for (let k = 0; k < 3; k++) {
      for (const [i, l] of layers.entries()) {
        bp.tidy(() => {
          l.apply(xs[i]!, { training: true });
          bp.valueAndGrads(() => l.apply(xs[i]!, { training: true }).sum(), l.trainableWeights);
        });
      }
    }
    expect(bp.memory().numTensors).toBe(before);
  });
});
