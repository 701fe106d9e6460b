/**
 * Gradients of gradients: checkGrad of f(x) = sum(grad(g)(x)²), where g runs through one primitive
 * in a way that makes its gradient depend on x. The numeric side differentiates the analytic first
 * gradient, so this proves the vjp rules (written with ops) are themselves differentiated correctly.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { distinct64, rand64 } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

type G = (x: bp.Tensor) => bp.Tensor;

interface Row {
  name: string;
  x: () => bp.Tensor;
  g: G;
}

/** sum(op(x)² · c) with a fixed random c shaped like op(x). */
function squared(op: G, sample: bp.Tensor, seed: number): G {
  const c = rand64([...op(sample).shape], seed);
  return (x) => op(x).square().mul(c).sum();
}

const w3 = rand64([3, 3, 2, 2], 300);
const x5 = rand64([1, 5, 5, 2], 301);
const b34 = rand64([3, 4], 302);

const rows: Row[] = [
  { name: "exp", x: () => rand64([4], 1), g: (x) => x.exp().sum() },
  { name: "log", x: () => rand64([4], 2, 0.5, 2), g: (x) => x.log().sum() },
  { name: "log1p", x: () => rand64([4], 3, 0, 2), g: (x) => x.log1p().sum() },
  { name: "sqrt", x: () => rand64([4], 4, 0.5, 2), g: (x) => x.sqrt().sum() },
  { name: "sigmoid", x: () => rand64([4], 5, -3, 3), g: (x) => x.sigmoid().sum() },
  { name: "tanh", x: () => rand64([4], 6, -2, 2), g: (x) => x.tanh().sum() },
  { name: "sin", x: () => rand64([4], 7, -3, 3), g: (x) => x.sin().sum() },
  { name: "cos", x: () => rand64([4], 8, -3, 3), g: (x) => x.cos().sum() },
  { name: "div", x: () => rand64([4], 9, 0.5, 2), g: (x) => bp.div(1, x).sum() },
  { name: "pow (base and exponent)", x: () => rand64([4], 10, 0.5, 2), g: (x) => x.pow(x).sum() },
  { name: "mul, add, sub, neg with broadcasting", x: () => rand64([2, 3], 11), g: (x) => x.mul(x.sum(0)).sub(x.neg().add(1).square()).sum() },
  { name: "abs", x: () => distinct64([6], 12).add(0.01), g: (x) => x.abs().mul(x).sum() },
  { name: "maximum / minimum", x: () => distinct64([6], 13).add(0.01), g: (x) => x.maximum(0).square().add(x.minimum(0).pow(3)).sum() },
  { name: "where", x: () => rand64([6], 14), g: (x) => bp.where(bp.tensor([1, 0, 1, 1, 0, 0], [6], "int32"), x.square(), x.exp()).sum() },
  { name: "max reduction", x: () => distinct64([3, 4], 15), g: (x) => x.max(1).square().sum() },
  { name: "min reduction", x: () => distinct64([3, 4], 16), g: (x) => x.min(0).pow(3).sum() },
  { name: "sum, broadcastTo", x: () => rand64([3, 1], 17), g: (x) => x.broadcastTo([2, 3, 4]).sum([0, 2]).square().sum() },
  { name: "reshape, transpose", x: () => rand64([2, 3], 18), g: (x) => squared((t) => t.reshape([3, 2]).transpose(), x, 400)(x) },
  { name: "slice, pad", x: () => rand64([3, 4], 19), g: (x) => squared((t) => t.slice([1, 1], [2, 2]).pad([[1, 0], [0, 2]]), x, 401)(x) },
  { name: "concat", x: () => rand64([2, 2], 20), g: (x) => squared((t) => bp.concat([t, t.exp()], 1), x, 402)(x) },
  { name: "gather / scatterAdd", x: () => rand64([4, 2], 21), g: (x) => squared((t) => t.gather(bp.tensor([3, 0, 3], [3], "int32")), x, 403)(x) },
  { name: "cast", x: () => rand64([3], 22), g: (x) => x.square().cast("float64").pow(2).sum() },
  { name: "matmul", x: () => rand64([2, 3], 23), g: (x) => squared((t) => t.matmul(b34), x, 404)(x) },
  { name: "matmul transposed operands", x: () => rand64([3, 2], 24), g: (x) => squared((t) => t.matmul(t, true, false), x, 405)(x) },
  { name: "matmul batch broadcast", x: () => rand64([2, 3, 3], 25), g: (x) => squared((t) => t.matmul(b34), x, 406)(x) },
  { name: "softmax", x: () => rand64([2, 3], 26, -2, 2), g: (x) => squared((t) => t.softmax(), x, 407)(x) },
  { name: "logSumExp", x: () => rand64([2, 3], 27, -2, 2), g: (x) => x.logSumExp(-1).square().sum() },
  { name: "conv2d w.r.t. input (valid)", x: () => rand64([1, 5, 5, 2], 28), g: (x) => squared((t) => bp.conv2d(t, w3), x, 408)(x) },
  { name: "conv2d w.r.t. input (same, stride 2)", x: () => rand64([1, 5, 5, 2], 29), g: (x) => squared((t) => bp.conv2d(t, w3, { strides: 2, padding: "same" }), x, 409)(x) },
  {
    name: "fused.conv2d with bias and relu w.r.t. input",
    x: () => rand64([1, 5, 5, 2], 31),
    g: (x) => squared((t) => bp.fused.conv2d({ x: t, filter: w3, bias: bp.tensor([0.3, -0.2], [2], "float64"), activation: "relu", padding: "same" }), x, 411)(x),
  },
  {
    name: "fused.matmul with bias and relu w.r.t. a",
    x: () => rand64([2, 3], 32),
    g: (a) => squared((t) => bp.fused.matmul({ a: t, b: b34, bias: bp.tensor([0.5, -0.5, 0.1, 0.2], [4], "float64"), activation: "relu" }), a, 412)(a),
  },
  { name: "conv2d w.r.t. filter (same)", x: () => rand64([3, 3, 2, 2], 30), g: (w) => squared((t) => bp.conv2d(x5, t, { padding: "same" }), w, 410)(w) },
  { name: "maxPool2d", x: () => distinct64([1, 4, 4, 2], 31), g: (x) => squared((t) => bp.maxPool2d(t, { poolSize: 2 }), x, 411)(x) },
  { name: "maxPool2d (same, overlapping)", x: () => distinct64([1, 5, 5, 1], 32), g: (x) => squared((t) => bp.maxPool2d(t, { poolSize: 3, strides: 2, padding: "same" }), x, 412)(x) },
  { name: "avgPool2d", x: () => rand64([1, 4, 5, 1], 33), g: (x) => squared((t) => bp.avgPool2d(t, { poolSize: 3, strides: 1, padding: "same" }), x, 413)(x) },
];

describe("second order: checkGrad of x ↦ sum(grad(g)(x)²)", () => {
  for (const row of rows) {
    test(row.name, () => {
      const f = (x: bp.Tensor): bp.Tensor => bp.grad(row.g)(x).square().sum();
      const r = bp.checkGrad(f, row.x());
      expect(r.maxRelError).toBeLessThan(1e-6);
      // and the second derivative is not trivially zero
      expect(r.analytic.abs().sum().item()).toBeGreaterThan(0);
    });
  }
});

describe("mixed and higher order", () => {
  test("conv2d: gradient of the filter gradient with respect to the input", () => {
    const w0 = rand64([3, 3, 2, 2], 40);
    const f = (x: bp.Tensor): bp.Tensor => bp.grad((w: bp.Tensor) => bp.conv2d(x, w, { strides: 2, padding: "same" }).square().sum())(w0).square().sum();
    expect(bp.checkGrad(f, rand64([1, 5, 6, 2], 41)).maxRelError).toBeLessThan(1e-6);
  });

  test("conv2d: gradient of the input gradient with respect to the filter", () => {
    const x0 = rand64([2, 4, 4, 2], 42);
    const f = (w: bp.Tensor): bp.Tensor => bp.grad((x: bp.Tensor) => bp.conv2d(x, w).square().sum())(x0).square().sum();
    expect(bp.checkGrad(f, rand64([3, 3, 2, 2], 43)).maxRelError).toBeLessThan(1e-6);
  });

  test("maxPool2d: third order", () => {
    const g = (x: bp.Tensor): bp.Tensor => bp.maxPool2d(x, { poolSize: 2, strides: 1 }).pow(4).sum();
    const h = (x: bp.Tensor): bp.Tensor => bp.grad(g)(x).square().sum();
    const f = (x: bp.Tensor): bp.Tensor => bp.grad(h)(x).square().sum();
    expect(bp.checkGrad(f, distinct64([1, 3, 3, 1], 44)).maxRelError).toBeLessThan(1e-6);
  });

  test("grad of grad of x³ is 6x", () => {
    const x = rand64([5], 45);
    const second = bp.grad((t: bp.Tensor) => bp.grad((u: bp.Tensor) => u.pow(3).sum())(t).sum())(x);
    const expected = x.mul(6);
    expect(Array.from(second.dataSync()).map((v, i) => Math.abs(v - (expected.dataSync()[i] as number)) < 1e-12)).toEqual(new Array(5).fill(true));
  });
});
