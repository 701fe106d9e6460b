/**
 * Numerical gradient checks (central differences, float64, js backend) for every differentiable
 * primitive of src/autograd/primitives and every composed op: each row is checked once per
 * differentiable input, with the other inputs held fixed. A non-scalar result y is reduced as
 * sum(y · w) with a fixed random w, so every output element's gradient is exercised.
 */
import { describe, expect, test } from "vitest";
import * as P from "../../src/autograd/primitives/index.js";
import * as bp from "../../src/index.js";
import { distinct64, rand64 } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

type Fn = (...xs: bp.Tensor[]) => bp.Tensor;

interface Row {
  name: string;
  /** The primitives this row differentiates through (for the coverage test). */
  prims: string[];
  inputs: () => bp.Tensor[];
  f: Fn;
  /** Inputs to differentiate (default: every float input). */
  wrt?: number[];
  /** checkGrad options when the defaults do not fit (a float32 round trip needs a larger step). */
  options?: { eps: number; tolerance: number };
}

const pads0 = { top: 0, bottom: 0, left: 0, right: 0 };
const idx = (values: number[], shape = [values.length]): bp.Tensor => bp.tensor(values, shape, "int32");
const pos = (shape: number[], seed: number): bp.Tensor => rand64(shape, seed, 0.5, 2);

const rows: Row[] = [
  // element-wise, one input
  { name: "neg", prims: ["neg"], inputs: () => [rand64([2, 3], 1)], f: (x) => x.neg() },
  { name: "exp", prims: ["exp"], inputs: () => [rand64([2, 3], 2)], f: (x) => x.exp() },
  { name: "log", prims: ["log"], inputs: () => [pos([2, 3], 3)], f: (x) => x.log() },
  { name: "log1p", prims: ["log1p"], inputs: () => [rand64([2, 3], 4, -0.5, 2)], f: (x) => x.log1p() },
  { name: "sqrt", prims: ["sqrt"], inputs: () => [pos([2, 3], 5)], f: (x) => x.sqrt() },
  { name: "abs (away from 0)", prims: ["abs"], inputs: () => [distinct64([2, 3], 6, 0.3).add(0.05)], f: (x) => x.abs() },
  { name: "sigmoid", prims: ["sigmoid"], inputs: () => [rand64([2, 3], 7, -4, 4)], f: (x) => bp.sigmoid(x) },
  { name: "tanh", prims: ["tanh"], inputs: () => [rand64([2, 3], 8, -2, 2)], f: (x) => bp.tanh(x) },
  { name: "sin", prims: ["sin"], inputs: () => [rand64([2, 3], 9, -3, 3)], f: (x) => x.sin() },
  { name: "cos", prims: ["cos"], inputs: () => [rand64([2, 3], 10, -3, 3)], f: (x) => x.cos() },
  { name: "scalar input", prims: ["exp"], inputs: () => [bp.scalar(0.3, "float64")], f: (x) => x.exp().mul(x) },
  // element-wise, two inputs, with broadcasting
  { name: "add broadcast", prims: ["add"], inputs: () => [rand64([2, 3], 11), rand64([3], 12)], f: (a, b) => a.add(b) },
  { name: "sub broadcast", prims: ["sub"], inputs: () => [rand64([3, 1], 13), rand64([1, 4], 14)], f: (a, b) => a.sub(b) },
  { name: "mul broadcast", prims: ["mul"], inputs: () => [rand64([2, 1, 3], 15), rand64([4, 1], 16)], f: (a, b) => a.mul(b) },
  { name: "mul scalar", prims: ["mul"], inputs: () => [rand64([], 17), rand64([2, 2], 18)], f: (a, b) => a.mul(b) },
  { name: "div broadcast", prims: ["div"], inputs: () => [rand64([2, 3], 19), pos([3], 20)], f: (a, b) => a.div(b) },
  { name: "pow", prims: ["pow"], inputs: () => [pos([2, 3], 21), rand64([2, 3], 22, -2, 2)], f: (a, b) => a.pow(b) },
  { name: "pow number exponent", prims: ["pow"], inputs: () => [rand64([4], 23)], f: (a) => a.pow(3) },
  { name: "pow broadcast", prims: ["pow"], inputs: () => [pos([3, 1], 24), rand64([2], 25)], f: (a, b) => a.pow(b) },
  { name: "maximum", prims: ["maximum"], inputs: () => [distinct64([2, 3], 26), distinct64([2, 3], 27).add(0.01)], f: (a, b) => a.maximum(b) },
  { name: "minimum broadcast", prims: ["minimum"], inputs: () => [distinct64([2, 3], 28), bp.tensor([0.013, -0.021, 0.037], [3], "float64")], f: (a, b) => a.minimum(b) },
  { name: "where", prims: ["where"], inputs: () => [idx([1, 0, 1], [3]), rand64([2, 3], 29), rand64([2, 1], 30)], f: (c, a, b) => bp.where(c, a, b), wrt: [1, 2] },
  { name: "cast float64→float32→float64", prims: ["cast"], inputs: () => [rand64([3], 31)], f: (x) => x.cast("float32").cast("float64").mul(x), options: { eps: 1e-2, tolerance: 1e-4 } },
  // reductions
  { name: "sum all", prims: ["sum"], inputs: () => [rand64([2, 3, 4], 32)], f: (x) => x.sum().mul(x.sum()) },
  { name: "sum axes [0,2] keepDims", prims: ["sum"], inputs: () => [rand64([2, 3, 4], 33)], f: (x) => x.sum([0, 2], true) },
  { name: "sum axis -1", prims: ["sum"], inputs: () => [rand64([2, 3], 34)], f: (x) => x.sum(-1) },
  { name: "max axis 1", prims: ["max"], inputs: () => [distinct64([3, 4], 35)], f: (x) => x.max(1) },
  { name: "max all", prims: ["max"], inputs: () => [distinct64([2, 3, 2], 36)], f: (x) => x.max() },
  { name: "min axes [0,2]", prims: ["min"], inputs: () => [distinct64([2, 3, 2], 37)], f: (x) => x.min([0, 2]) },
  { name: "min axis -1 keepDims", prims: ["min"], inputs: () => [distinct64([3, 4], 38)], f: (x) => x.min(-1, true) },
  // data movement
  { name: "reshape", prims: ["reshape"], inputs: () => [rand64([2, 3], 39)], f: (x) => x.reshape([3, 2]).mul(bp.arange(0, 6).reshape([3, 2]).cast("float64")) },
  { name: "transpose perm", prims: ["transpose"], inputs: () => [rand64([2, 3, 4], 40)], f: (x) => x.transpose([2, 0, 1]) },
  { name: "transpose default", prims: ["transpose"], inputs: () => [rand64([2, 3], 41)], f: (x) => x.transpose() },
  { name: "broadcastTo", prims: ["broadcastTo"], inputs: () => [rand64([3, 1], 42)], f: (x) => x.broadcastTo([2, 3, 4]) },
  { name: "slice", prims: ["slice"], inputs: () => [rand64([4, 5], 43)], f: (x) => x.slice([1, 2], [2, -1]) },
  { name: "pad", prims: ["pad"], inputs: () => [rand64([2, 3], 44)], f: (x) => x.pad([[1, 0], [2, 3]], 0.5) },
  { name: "concat axis 1", prims: ["concat"], inputs: () => [rand64([2, 1], 45), rand64([2, 3], 46), rand64([2, 2], 47)], f: (a, b, c) => bp.concat([a, b, c], 1) },
  { name: "concat with empty", prims: ["concat"], inputs: () => [rand64([3], 48), rand64([0], 49), rand64([2], 50)], f: (a, b, c) => bp.concat([a, b, c]), wrt: [0, 2] },
  { name: "gather axis 1, repeated indices", prims: ["gather"], inputs: () => [rand64([3, 4], 51), idx([3, 0, 3, 1], [2, 2])], f: (x, i) => x.gather(i, 1), wrt: [0] },
  { name: "scatterAdd", prims: ["scatterAdd"], inputs: () => [rand64([4, 2], 52), idx([2, 0, 2, 1])], f: (u, i) => P.scatterAdd([u, i], { axis: 0, shape: [3, 2] }), wrt: [0] },
  // linear algebra
  { name: "matmul", prims: ["matmul"], inputs: () => [rand64([2, 3], 53), rand64([3, 4], 54)], f: (a, b) => a.matmul(b) },
  { name: "matmul transposeA", prims: ["matmul"], inputs: () => [rand64([3, 2], 55), rand64([3, 4], 56)], f: (a, b) => a.matmul(b, true, false) },
  { name: "matmul transposeB", prims: ["matmul"], inputs: () => [rand64([2, 3], 57), rand64([4, 3], 58)], f: (a, b) => a.matmul(b, false, true) },
  { name: "matmul transposeA transposeB", prims: ["matmul"], inputs: () => [rand64([3, 2], 59), rand64([4, 3], 60)], f: (a, b) => a.matmul(b, true, true) },
  { name: "matmul batch broadcast", prims: ["matmul"], inputs: () => [rand64([2, 1, 2, 3], 61), rand64([3, 3, 2], 62)], f: (a, b) => a.matmul(b) },
  { name: "matmul batch broadcast transposed", prims: ["matmul"], inputs: () => [rand64([2, 3, 2], 63), rand64([1, 4, 3], 64)], f: (a, b) => a.matmul(b, true, true) },
  { name: "matmul vector", prims: ["matmul"], inputs: () => [rand64([3], 65), rand64([3, 2], 66)], f: (a, b) => a.matmul(b) },
  // the fused epilogue (bp.fused): bias and relu (inputs kept away from relu's kink)
  { name: "fused.matmul bias", prims: ["matmul"], inputs: () => [rand64([3, 4], 151), rand64([4, 2], 152), rand64([2], 153)], f: (a, b, c) => bp.fused.matmul({ a, b, bias: c }) },
  {
    name: "fused.matmul transposed bias relu", prims: ["matmul", "reluGrad"],
    inputs: () => [rand64([4, 3], 154), rand64([2, 4], 155), bp.tensor([0.6, -0.7], [2], "float64")],
    f: (a, b, c) => bp.fused.matmul({ a, b, transposeA: true, transposeB: true, bias: c, activation: "relu" }),
  },
  { name: "fused.matmul relu batch", prims: ["matmul", "reluGrad"], inputs: () => [rand64([2, 3, 4], 156), rand64([4, 5], 157)], f: (a, b) => bp.fused.matmul({ a, b, activation: "relu" }) },
  { name: "fused.conv2d bias", prims: ["conv2d"], inputs: () => [rand64([2, 4, 4, 2], 158), rand64([3, 3, 2, 3], 159), rand64([3], 160)], f: (x, w, c) => bp.fused.conv2d({ x, filter: w, bias: c, padding: "same" }) },
  {
    name: "fused.conv2d bias relu s2", prims: ["conv2d", "reluGrad"],
    inputs: () => [rand64([1, 5, 6, 2], 161), rand64([3, 2, 2, 2], 162), bp.tensor([0.5, -0.4], [2], "float64")],
    f: (x, w, c) => bp.fused.conv2d({ x, filter: w, bias: c, activation: "relu", strides: 2 }),
  },
  // images
  { name: "conv2d valid s1", prims: ["conv2d"], inputs: () => [rand64([1, 5, 5, 2], 67), rand64([3, 3, 2, 2], 68)], f: (x, w) => bp.conv2d(x, w, { padding: "valid" }) },
  { name: "conv2d same s1", prims: ["conv2d"], inputs: () => [rand64([2, 4, 5, 1], 69), rand64([3, 3, 1, 2], 70)], f: (x, w) => bp.conv2d(x, w, { padding: "same" }) },
  { name: "conv2d valid s2", prims: ["conv2d"], inputs: () => [rand64([1, 6, 5, 2], 71), rand64([3, 2, 2, 3], 72)], f: (x, w) => bp.conv2d(x, w, { strides: 2, padding: "valid" }) },
  { name: "conv2d same s2", prims: ["conv2d"], inputs: () => [rand64([2, 5, 6, 1], 73), rand64([2, 3, 1, 2], 74)], f: (x, w) => bp.conv2d(x, w, { strides: 2, padding: "same" }) },
  {
    name: "conv2dBackpropInput (same, s2)", prims: ["conv2dBackpropInput"],
    inputs: () => [rand64([1, 3, 3, 2], 75), rand64([3, 3, 1, 2], 76)],
    f: (dy, w) => P.conv2dBackpropInput([dy, w], { strides: [2, 2], pads: { top: 1, bottom: 1, left: 1, right: 1 }, inputShape: [1, 5, 5, 1] }),
  },
  {
    name: "conv2dBackpropFilter (valid, s1)", prims: ["conv2dBackpropFilter"],
    inputs: () => [rand64([2, 4, 4, 1], 77), rand64([2, 2, 3, 2], 78)],
    f: (x, dy) => P.conv2dBackpropFilter([x, dy], { strides: [1, 1], pads: pads0, filterShape: [3, 2, 1, 2] }),
  },
  { name: "maxPool2d valid", prims: ["maxPool2d"], inputs: () => [distinct64([1, 4, 4, 2], 79)], f: (x) => bp.maxPool2d(x, { poolSize: 2 }) },
  { name: "maxPool2d same overlapping", prims: ["maxPool2d"], inputs: () => [distinct64([2, 5, 5, 1], 80)], f: (x) => bp.maxPool2d(x, { poolSize: 3, strides: 2, padding: "same" }) },
  {
    name: "maxPool2dGrad (w.r.t. dy)", prims: ["maxPool2dGrad"],
    inputs: () => [distinct64([1, 4, 4, 1], 81), rand64([1, 3, 3, 1], 82)],
    f: (x, dy) => P.maxPool2dGrad([x, dy], { poolSize: [2, 2], strides: [1, 1], pads: pads0 }), wrt: [1],
  },
  {
    name: "maxPool2dSelect (w.r.t. g)", prims: ["maxPool2dSelect"],
    inputs: () => [distinct64([1, 4, 4, 1], 83), rand64([1, 4, 4, 1], 84)],
    f: (x, g) => P.maxPool2dSelect([x, g], { poolSize: [2, 2], strides: [1, 1], pads: pads0 }), wrt: [1],
  },
  { name: "avgPool2d valid", prims: ["avgPool2d"], inputs: () => [rand64([1, 4, 4, 2], 85)], f: (x) => bp.avgPool2d(x, { poolSize: 2 }) },
  { name: "avgPool2d same s1", prims: ["avgPool2d"], inputs: () => [rand64([2, 4, 5, 1], 86)], f: (x) => bp.avgPool2d(x, { poolSize: 3, strides: 1, padding: "same" }) },
  {
    name: "avgPool2dGrad", prims: ["avgPool2dGrad"],
    inputs: () => [rand64([1, 3, 3, 1], 87)],
    f: (dy) => P.avgPool2dGrad([dy], { poolSize: [3, 3], strides: [2, 2], pads: { top: 1, bottom: 1, left: 1, right: 1 }, inputShape: [1, 5, 5, 1] }),
  },
  // composed ops
  { name: "square", prims: [], inputs: () => [rand64([2, 3], 88)], f: (x) => x.square() },
  { name: "squaredDifference", prims: [], inputs: () => [rand64([2, 3], 89), rand64([3], 90)], f: (a, b) => bp.squaredDifference(a, b) },
  { name: "reciprocal", prims: [], inputs: () => [pos([4], 91)], f: (x) => x.reciprocal() },
  { name: "expm1", prims: [], inputs: () => [rand64([4], 92)], f: (x) => x.expm1() },
  { name: "rsqrt", prims: [], inputs: () => [pos([4], 93)], f: (x) => x.rsqrt() },
  { name: "clip", prims: [], inputs: () => [distinct64([3, 4], 94, 0.11)], f: (x) => x.clip(-0.3, 0.4) },
  { name: "mean axis 0", prims: [], inputs: () => [rand64([3, 4], 95)], f: (x) => x.mean(0) },
  { name: "variance axis -1", prims: [], inputs: () => [rand64([3, 4], 96)], f: (x) => bp.variance(x, -1) },
  { name: "logSumExp axes [0,2]", prims: [], inputs: () => [rand64([2, 3, 2], 97, -3, 3)], f: (x) => x.logSumExp([0, 2]) },
  { name: "softmax axis 0", prims: ["logSoftmax"], inputs: () => [rand64([3, 4], 98, -3, 3)], f: (x) => x.softmax(0) },
  { name: "logSoftmax", prims: ["logSoftmax"], inputs: () => [rand64([3, 4], 99, -3, 3)], f: (x) => x.logSoftmax() },
  {
    name: "softmaxCrossEntropy (logits and a target distribution)", prims: ["softmaxCrossEntropy", "softmaxCrossEntropyGrad"],
    inputs: () => [rand64([3, 4], 160, -3, 3), rand64([3, 4], 161, 0, 1)],
    f: (z, y) => P.softmaxCrossEntropy([z!, y!], {}),
  },
  {
    name: "softmaxCrossEntropy rank 3", prims: ["softmaxCrossEntropy"],
    inputs: () => [rand64([2, 2, 5], 162, -3, 3), rand64([2, 2, 5], 163, 0, 1)],
    f: (z, y) => P.softmaxCrossEntropy([z!, y!], {}),
  },
  {
    name: "softmaxCrossEntropyGrad (second derivatives of the loss)", prims: ["softmaxCrossEntropyGrad"],
    inputs: () => [rand64([3, 4], 164, -3, 3), rand64([3, 4], 165, 0, 1), rand64([3], 166, -2, 2)],
    f: (z, y, g) => P.softmaxCrossEntropyGrad([z!, y!, g!], {}),
  },
  { name: "relu", prims: ["relu"], inputs: () => [distinct64([3, 4], 100).add(0.01)], f: (x) => x.relu() },
  { name: "reluGrad w.r.t. g", prims: ["reluGrad"], inputs: () => [distinct64([3, 4], 102).add(0.01), rand64([3, 4], 103)], f: (x, g) => P.reluGrad([x, g], {}), wrt: [1] },
  { name: "erf", prims: ["erf"], inputs: () => [rand64([3, 4], 104, -4, 4)], f: (x) => P.erf([x], {}) },
  { name: "relu6", prims: [], inputs: () => [distinct64([3, 4], 101, 1.1).add(0.01)], f: (x) => x.relu6() },
  { name: "leakyRelu", prims: [], inputs: () => [distinct64([3, 4], 102).add(0.01)], f: (x) => x.leakyRelu(0.1) },
  { name: "elu", prims: [], inputs: () => [distinct64([3, 4], 103).add(0.01)], f: (x) => x.elu() },
  { name: "selu", prims: [], inputs: () => [distinct64([3, 4], 104).add(0.01)], f: (x) => x.selu() },
  { name: "hardTanh", prims: [], inputs: () => [distinct64([3, 4], 105, 0.31).add(0.01)], f: (x) => x.hardTanh() },
  { name: "hardSigmoid", prims: [], inputs: () => [distinct64([3, 4], 106, 1.1).add(0.01)], f: (x) => x.hardSigmoid() },
  { name: "softsign", prims: [], inputs: () => [distinct64([3, 4], 107).add(0.01)], f: (x) => x.softsign() },
  { name: "softplus", prims: [], inputs: () => [rand64([3, 4], 108, -5, 5)], f: (x) => x.softplus() },
  { name: "swish", prims: [], inputs: () => [rand64([3, 4], 109, -3, 3)], f: (x) => x.swish() },
  { name: "gelu", prims: [], inputs: () => [rand64([3, 4], 110, -3, 3)], f: (x) => x.gelu() },
  { name: "gelu (tanh form)", prims: [], inputs: () => [rand64([3, 4], 110, -3, 3)], f: (x) => x.gelu(true) },
  { name: "logSigmoid", prims: [], inputs: () => [rand64([3, 4], 111, -5, 5)], f: (x) => x.logSigmoid() },
  { name: "dot", prims: [], inputs: () => [rand64([4], 112), rand64([4], 113)], f: (a, b) => bp.dot(a, b) },
  { name: "outer", prims: [], inputs: () => [rand64([3], 114), rand64([2], 115)], f: (a, b) => bp.outer(a, b) },
  { name: "stack axis -1", prims: [], inputs: () => [rand64([2, 3], 116), rand64([2, 3], 117)], f: (a, b) => bp.stack([a, b], -1) },
  { name: "unstack", prims: [], inputs: () => [rand64([3, 2], 118)], f: (x) => { const [a, b] = bp.unstack(x, 1); return a!.mul(b!.square()); } },
  { name: "split", prims: [], inputs: () => [rand64([5, 2], 119)], f: (x) => { const [a, b] = bp.split(x, [2, 3]); return a!.sum().mul(b!.exp().sum()); } },
  { name: "tile", prims: [], inputs: () => [rand64([2, 3], 120)], f: (x) => bp.tile(x, [2, 1]) },
  { name: "expandDims, squeeze, flatten", prims: [], inputs: () => [rand64([2, 3], 121)], f: (x) => x.expandDims(1).squeeze().flatten().square() },
];

/** sum(f(xs) · w) as a function of input `k`, with w fixed and random. */
function scalarized(row: Row, base: bp.Tensor[], k: number): (x: bp.Tensor) => bp.Tensor {
  const y = row.f(...base);
  const w = rand64([...y.shape], 1000 + k);
  return (x) => {
    const xs = [...base];
    xs[k] = x;
    return row.f(...xs).mul(w).sum();
  };
}

describe("gradient checks (central differences, float64)", () => {
  for (const row of rows) {
    const base = row.inputs();
    const wrt = row.wrt ?? base.map((t, i) => (t.dtype === "int32" ? -1 : i)).filter((i) => i >= 0);
    for (const k of wrt) {
      test(`${row.name} w.r.t. input ${k}`, () => {
        const r = bp.checkGrad(scalarized(row, base, k), base[k] as bp.Tensor, row.options);
        expect(r.maxRelError, `${row.name}: max relative error`).toBeLessThan(row.options?.tolerance ?? 1e-6);
        expect(r.ok).toBe(true);
      });
    }
  }
});

describe("coverage", () => {
  // primitives with no gradient (piecewise constant or integer-valued)
  const nonDifferentiable = ["argmax", "argmin", "equal", "notEqual", "greater", "greaterEqual", "less", "lessEqual", "sign", "floor"];

  test("every differentiable primitive has a gradient check", () => {
    const checked = new Set(rows.flatMap((r) => r.prims));
    const missing = Object.keys(P).filter((name) => !nonDifferentiable.includes(name) && !checked.has(name));
    expect(missing).toEqual([]);
  });

  test("checkGrad detects a wrong gradient (x · stopGradient(x) differentiates as x, not 2x)", () => {
    const x = rand64([3], 122);
    const r = bp.checkGrad((t) => t.mul(bp.stopGradient(t)).sum(), x);
    expect(r.ok).toBe(false);
    expect(r.maxRelError).toBeGreaterThan(0.1);
  });

  test("non-differentiable primitives give zero gradients", () => {
    const x = rand64([2, 3], 200);
    const f = (t: bp.Tensor): bp.Tensor =>
      t.sign().add(t.floor()).add(t.greater(0).cast("float64")).add(t.argmax(1).cast("float64").sum()).sum();
    const g = bp.grad(f)(x);
    expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
