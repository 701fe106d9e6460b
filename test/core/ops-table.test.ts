/**
 * Ops that core.json does not cover (and some it does, from other angles): one row per op, run on
 * scalars, size-0 tensors, broadcasting shapes, negative axes and keepDims. Expected values come from
 * an independent identity with other ops (relu6 = relu(x) - relu(x - 6)), from JavaScript's own Math
 * functions applied to the same data, or from a numerical property — never from hand-typed arrays.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, expectSame, rand64, type Tolerance } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

const UNARY_SHAPES = [[], [0, 3], [5], [2, 3], [4, 1, 3]];
const BINARY_SHAPES: [number[], number[]][] = [[[], [2, 3]], [[2, 3], []], [[2, 3], [3]], [[3, 1], [1, 4]], [[0, 3], [3]], [[2, 1, 3], [4, 1]]];
const T64: Tolerance = { rtol: 1e-12, atol: 1e-14 };
const T32: Tolerance = { rtol: 2e-6, atol: 1e-6 };

interface UnaryRow {
  op: string;
  f: (x: bp.Tensor) => bp.Tensor;
  /** An independent way to get the same values: a JS function applied element-wise… */
  js?: (v: number) => number;
  /** …or an identity with other ops. */
  ops?: (x: bp.Tensor) => bp.Tensor;
  domain: [number, number];
  tol32?: Tolerance;
}

const jsMap = (x: bp.Tensor, fn: (v: number) => number): bp.Tensor => bp.tensor(Array.from(x.dataSync(), fn), [...x.shape], x.dtype);

const unaryRows: UnaryRow[] = [
  { op: "relu6", f: (x) => x.relu6(), ops: (x: bp.Tensor) => x.relu().sub(x.sub(6).relu()), domain: [-10, 10] },
  { op: "relu", f: (x) => bp.relu(x), js: (v: number) => Math.max(v, 0), domain: [-3, 3] },
  { op: "hardSigmoid", f: (x) => x.hardSigmoid(), ops: (x: bp.Tensor) => x.mul(1.2).add(3).relu6().div(6), domain: [-5, 5] },
  { op: "selu", f: (x) => x.selu(), js: (v: number) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * Math.expm1(v)), domain: [-3, 3] },
  { op: "elu", f: (x) => x.elu(), js: (v: number) => (v > 0 ? v : Math.expm1(v)), domain: [-3, 3] },
  { op: "swish", f: (x) => x.swish(), js: (v: number) => v / (1 + Math.exp(-v)), domain: [-6, 6] },
  {
    op: "gelu (tanh form)", f: (x) => x.gelu(true), domain: [-4, 4],
    // 0.5·x·(1 + tanh z) = x·σ(2z), an identity between tanh and sigmoid
    ops: (x: bp.Tensor) => x.mul(x.add(x.pow(3).mul(0.044715)).mul(2 * Math.sqrt(2 / Math.PI)).sigmoid()),
  },
  // the exact gelu: x·Φ(x) − (−x)·Φ(−x) = x, since Φ(x) + Φ(−x) = 1 (its values against math.erf: test/nn/gelu.test.ts)
  { op: "gelu (exact)", f: (x) => x.gelu(), ops: (x: bp.Tensor) => x.add(x.neg().gelu()), domain: [-4, 4] },
  { op: "logSigmoid", f: (x) => x.logSigmoid(), js: (v: number) => -Math.log1p(Math.exp(-v)), domain: [-8, 8] },
  { op: "softplus", f: (x) => x.softplus(), js: (v: number) => Math.log1p(Math.exp(v)), domain: [-8, 8] },
  { op: "softsign", f: (x) => x.softsign(), js: (v: number) => v / (1 + Math.abs(v)), domain: [-4, 4] },
  { op: "hardTanh", f: (x) => x.hardTanh(), js: (v: number) => Math.min(1, Math.max(-1, v)), domain: [-3, 3] },
  { op: "leakyRelu", f: (x) => x.leakyRelu(0.1), js: (v: number) => (v > 0 ? v : 0.1 * v), domain: [-3, 3] },
  { op: "sigmoid", f: (x) => x.sigmoid(), js: (v: number) => 1 / (1 + Math.exp(-v)), domain: [-8, 8] },
  { op: "tanh", f: (x) => x.tanh(), js: Math.tanh, domain: [-3, 3] },
  { op: "expm1", f: (x) => x.expm1(), js: Math.expm1, domain: [-3, 3] },
  { op: "expm1 near 0", f: (x) => x.mul(1e-6).expm1(), ops: (x: bp.Tensor) => jsMap(x.mul(1e-6), Math.expm1), domain: [-1, 1], tol32: { rtol: 1e-6, atol: 1e-12 } },
  { op: "log1p", f: (x) => x.log1p(), js: Math.log1p, domain: [-0.9, 3] },
  { op: "reciprocal", f: (x) => x.reciprocal(), js: (v: number) => 1 / v, domain: [0.5, 3] },
  { op: "rsqrt", f: (x) => x.rsqrt(), js: (v: number) => 1 / Math.sqrt(v), domain: [0.1, 4] },
  { op: "sqrt", f: (x) => x.sqrt(), js: Math.sqrt, domain: [0, 4] },
  { op: "square", f: (x) => x.square(), js: (v: number) => v * v, domain: [-3, 3] },
  { op: "sin", f: (x) => x.sin(), js: Math.sin, domain: [-4, 4] },
  { op: "cos", f: (x) => x.cos(), js: Math.cos, domain: [-4, 4] },
  { op: "floor", f: (x) => x.floor(), js: Math.floor, domain: [-4, 4] },
  { op: "sign", f: (x) => x.sign(), js: Math.sign, domain: [-4, 4] },
  { op: "abs", f: (x) => x.abs(), js: Math.abs, domain: [-4, 4] },
  { op: "neg", f: (x) => x.neg(), js: (v: number) => -v, domain: [-4, 4] },
  { op: "exp", f: (x) => x.exp(), js: Math.exp, domain: [-4, 4] },
  { op: "log", f: (x) => x.log(), js: Math.log, domain: [0.1, 4] },
  { op: "clip", f: (x) => x.clip(-0.5, 0.25), js: (v: number) => Math.min(0.25, Math.max(-0.5, v)), domain: [-1, 1] },
  { op: "flatten", f: (x) => x.flatten(), ops: (x: bp.Tensor) => x.reshape([-1]), domain: [-1, 1] },
  { op: "stopGradient", f: (x) => bp.stopGradient(x), js: (v: number) => v, domain: [-1, 1] },
  { op: "cast to int32", f: (x) => x.cast("int32").cast(x.dtype), js: Math.trunc, domain: [-5, 5] },
];

function reference(row: UnaryRow, x: bp.Tensor): bp.Tensor {
  if (row.js) return jsMap(x, row.js);
  if (row.ops) return row.ops(x);
  throw new Error(`row ${row.op} has no reference`);
}

describe.each(unaryRows.map((r) => [r.op, r] as const))("%s", (_op, row) => {
  test.each(UNARY_SHAPES.map((s) => [JSON.stringify(s), s] as const))("shape %s", (_s, shape) => {
    const seed = shape.length * 10 + 1;
    const x64 = rand64(shape, seed, row.domain[0], row.domain[1]);
    const y64 = row.f(x64);
    expect(y64.dtype).toBe("float64");
    expectSame(y64, reference(row, x64), T64, `${row.op} float64`);
    const x32 = x64.cast("float32");
    const y32 = row.f(x32);
    expect(y32.dtype).toBe("float32");
    expectSame(y32, reference(row, x64), row.tol32 ?? T32, `${row.op} float32`);
  });
});

describe("numerical stability at extreme inputs", () => {
  const big = bp.tensor([-1000, -100, 100, 1000]);
  const relu = big.relu();
  test.each([
    ["softplus → relu far from 0", () => bp.softplus(big), () => relu],
    ["logSigmoid → -relu(-x)", () => bp.logSigmoid(big), () => big.neg().relu().neg()],
    ["sigmoid saturates", () => bp.sigmoid(big), () => jsMap(big, (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))))],
    ["swish → relu", () => bp.swish(big), () => relu],
    ["gelu → relu", () => bp.gelu(big), () => relu],
    ["tanh-form gelu → relu", () => bp.gelu(big, true), () => relu],
    ["elu → -1 on the left", () => bp.elu(big), () => big.greater(0).where(big, -1)],
    ["softmax of huge logits", () => bp.softmax(big), () => bp.oneHot([3], 4).reshape([4])],
    ["logSumExp of huge logits", () => bp.logSumExp(big), () => big.max()],
  ] as [string, () => bp.Tensor, () => bp.Tensor][])("%s", (_name, f, ref) => {
    const y = f();
    expect(Array.from(y.isFinite().dataSync()).every((v) => v === 1)).toBe(true);
    expectSame(y, ref(), { rtol: 1e-6, atol: 1e-6 });
  });

  test("gradients stay finite too", () => {
    for (const f of [bp.softplus, bp.logSigmoid, bp.sigmoid, bp.swish, bp.gelu, (t: bp.Tensor) => bp.gelu(t, true), bp.elu, bp.expm1, (t: bp.Tensor) => bp.logSumExp(t)]) {
      const g = bp.grad((t: bp.Tensor) => f(t).sum())(bp.tensor([-1000, -100, 0, 80, 10]));
      expect(Array.from(g.isFinite().dataSync()), f.name).toEqual([1, 1, 1, 1, 1]);
    }
  });

  test("NaN propagates through relu, clip, maximum and max, as in PyTorch", () => {
    const x = bp.tensor([NaN, -1, 2]);
    for (const y of [x.relu(), x.clip(0, 1), x.maximum(0), x.minimum(0), x.max().reshape([1]), x.leakyRelu(), x.elu()]) {
      expect(Number.isNaN(y.dataSync()[0])).toBe(true);
    }
  });
});

describe("binary ops with broadcasting", () => {
  const rows: [string, (a: bp.Tensor, b: bp.Tensor) => bp.Tensor, (a: number, b: number) => number][] = [
    ["add", (a, b) => a.add(b), (a, b) => a + b],
    ["sub", (a, b) => a.sub(b), (a, b) => a - b],
    ["mul", (a, b) => a.mul(b), (a, b) => a * b],
    ["div", (a, b) => a.div(b), (a, b) => a / b],
    ["pow", (a, b) => a.abs().add(0.5).pow(b), (a, b) => Math.pow(Math.abs(a) + 0.5, b)],
    ["maximum", (a, b) => a.maximum(b), Math.max],
    ["minimum", (a, b) => a.minimum(b), Math.min],
    ["squaredDifference", (a, b) => bp.squaredDifference(a, b), (a, b) => (a - b) ** 2],
    ["equal", (a, b) => a.floor().equal(b.floor()), (a, b) => Number(Math.floor(a) === Math.floor(b))],
    ["notEqual", (a, b) => a.floor().notEqual(b.floor()), (a, b) => Number(Math.floor(a) !== Math.floor(b))],
    ["greater", (a, b) => a.greater(b), (a, b) => Number(a > b)],
    ["greaterEqual", (a, b) => a.greaterEqual(b), (a, b) => Number(a >= b)],
    ["less", (a, b) => a.less(b), (a, b) => Number(a < b)],
    ["lessEqual", (a, b) => a.lessEqual(b), (a, b) => Number(a <= b)],
  ];
  for (const [name, f, js] of rows) {
    test.each(BINARY_SHAPES.map((s) => [JSON.stringify(s), s] as const))(`${name} %s`, (_s, [sa, sb]) => {
      const a = rand64(sa, 21, -2, 2);
      const b = rand64(sb, 22, 0.5, 2);
      const y = f(a, b);
      const shape = bp.add(a, b).shape;
      // the reference broadcasts both operands first, then maps the JS operator over the pairs
      const ad = a.broadcastTo(shape).dataSync();
      const bd = b.broadcastTo(shape).dataSync();
      expectClose(y, shape, Array.from(ad, (v, i) => js(v, bd[i] as number)), T64, name);
    });
  }

  test("numbers on either side take the tensor's dtype", () => {
    const x = rand64([3], 23);
    expectSame(bp.sub(1, x), bp.onesLike(x).sub(x));
    expectSame(bp.div(x, 4), x.mul(0.25));
    expect(bp.pow(x, 2).dtype).toBe("float64");
  });
});

describe("reductions with negative axes and keepDims", () => {
  const x = rand64([2, 3, 4], 31, -2, 2);
  const axes: (number | number[] | undefined)[] = [undefined, 0, -1, [0, -1], [-2], []];
  for (const axis of axes) {
    for (const keepDims of [false, true]) {
      const label = `axis ${JSON.stringify(axis)}, keepDims ${keepDims}`;
      test(`variance ${label}`, () => {
        const v = bp.variance(x, axis, keepDims);
        // Var = E[x²] - E[x]²
        const ref = x.square().mean(axis, keepDims).sub(x.mean(axis, keepDims).square());
        expectSame(v, ref, { rtol: 1e-10, atol: 1e-12 });
      });
      test(`sum, mean, max, min, logSumExp ${label}`, () => {
        const s = x.sum(axis, keepDims);
        const count = x.size / Math.max(s.size, 1);
        expectSame(x.mean(axis, keepDims), s.div(count), T64);
        expectSame(x.neg().max(axis, keepDims), x.min(axis, keepDims).neg(), T64);
        expectSame(x.exp().sum(axis, keepDims).log(), x.logSumExp(axis, keepDims), T64);
        const reduced = axis === undefined ? [0, 1, 2] : (Array.isArray(axis) ? axis : [axis]).map((a) => (a + 3) % 3);
        const expectedShape = keepDims ? x.shape.map((d, i) => (reduced.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !reduced.includes(i));
        for (const r of [s, x.max(axis, keepDims), x.mean(axis, keepDims), x.logSumExp(axis, keepDims)]) expect(r.shape).toEqual(expectedShape);
      });
    }
  }

  test("reductions of size-0 tensors: sum is 0, mean is NaN, logSumExp is -inf", () => {
    expectSame(bp.zeros([0, 2, 3]).sum([0, 2]), bp.zeros([2]));
    expectSame(bp.ones([2, 0, 3]).sum(1), bp.zeros([2, 3]));
    const e = bp.zeros([0, 3]);
    expectSame(e.sum(0), bp.zeros([3]));
    expect(e.sum(1).shape).toEqual([0]);
    expect(Number.isNaN(e.mean().item())).toBe(true);
    expect(e.logSumExp().item()).toBe(-Infinity);
    expect(e.max(1).shape).toEqual([0]);
  });

  test("scalars: every reduction is the identity; argmax is 0", () => {
    const s = bp.scalar(2.5);
    for (const r of [s.sum(), s.mean(), s.max(), s.min(), s.logSumExp()]) expectSame(r, s);
    expect(s.argmax().item()).toBe(0);
  });

  test("argmax / argmin: negative axes and NaN as the extreme (NumPy)", () => {
    const t = rand64([3, 4], 32);
    expectSame(t.argmax(-1), t.argmax(1));
    expectSame(t.argmin(-2), t.neg().argmax(0));
    const withNaN = bp.tensor([1, NaN, 3, NaN]);
    const firstNaN = Array.from(withNaN.dataSync()).findIndex(Number.isNaN);
    expect(withNaN.argmax().item()).toBe(firstNaN);
    expect(withNaN.argmin().item()).toBe(firstNaN);
  });

  test("mean of int32 is float32", () => {
    const i = bp.tensor([1, 2, 4], undefined, "int32");
    expectSame(i.mean(), i.cast("float32").sum().div(3));
  });
});

describe("shape ops", () => {
  const x = rand64([2, 3, 4], 41);

  test.each([0, 1, 2, -1, -2, -3])("unstack / stack round trip on axis %i", (axis) => {
    const parts = bp.unstack(x, axis);
    const a = (axis + 3) % 3;
    expect(parts.length).toBe(x.shape[a]);
    expect(parts[0]?.shape).toEqual(x.shape.filter((_, i) => i !== a));
    expectSame(bp.stack(parts, axis), x, T64);
  });

  test.each([[2, 0], [3, 1], [[1, 3], -1], [[0, 2], 0]] as [number | number[], number][])("split %j on axis %i / concat round trip", (sizes, axis) => {
    const parts = bp.split(x, sizes, axis);
    expectSame(bp.concat(parts, axis), x, T64);
  });

  test("stack of scalars, concat with size-0 parts", () => {
    const s = [1, 2, 3].map((v) => bp.scalar(v));
    expectSame(bp.stack(s), bp.tensor([1, 2, 3]));
    expectSame(bp.concat([bp.zeros([0, 4]), x.reshape([6, 4]), bp.zeros([0, 4])]), x.reshape([6, 4]));
  });

  test.each([[[2, 1, 1]], [[1, 2, 3]], [[1, 1, 1]]])("tile %j equals concatenated copies", (reps) => {
    let expected = x;
    reps.forEach((r, axis) => (expected = bp.concat(new Array<bp.Tensor>(r).fill(expected), axis)));
    expectSame(bp.tile(x, reps), expected, T64);
  });

  test("tile of size-0 and scalar tensors", () => {
    expect(bp.tile(bp.zeros([0, 2]), [3, 2]).shape).toEqual([0, 4]);
    expectSame(bp.tile(bp.scalar(2), []), bp.scalar(2));
  });

  test("pad: the middle is x, the border is the value", () => {
    const paddings: [number, number][] = [[1, 0], [0, 2], [3, 1]];
    const p = x.pad(paddings, 0.5);
    expect(p.shape).toEqual([3, 5, 8]);
    expectSame(p.slice([1, 0, 3], [2, 3, 4]), x, T64);
    const border = p.size - x.size;
    expect(p.sum().item()).toBeCloseTo(x.sum().item() + 0.5 * border, 10);
    expect(bp.pad(bp.zeros([0]), [[1, 2]]).shape).toEqual([3]);
  });

  test("expandDims / squeeze with negative axes", () => {
    for (const axis of [0, 1, 3, -1, -4]) {
      const e = x.expandDims(axis);
      expect(e.shape[(axis + 4) % 4]).toBe(1);
      expectSame(e.squeeze(axis), x);
    }
    expect(bp.scalar(1).expandDims().shape).toEqual([1]);
    expect(bp.zeros([1, 1]).squeeze().shape).toEqual([]);
  });

  test("transpose with negative entries in perm, and its inverse", () => {
    const t = x.transpose([-1, 0, 1]);
    expect(t.shape).toEqual([4, 2, 3]);
    expectSame(t.transpose([1, 2, 0]), x);
    expectSame(x.transpose().transpose(), x);
  });

  test("broadcastTo and sumTo are transposes of each other", () => {
    const v = rand64([3, 1], 42);
    const b = v.broadcastTo([2, 3, 4]);
    expectSame(b, v.add(bp.zeros([2, 3, 4], "float64")));
    expectSame(b.sumTo([3, 1]), v.mul(8), T64);
  });

  test("gather with negative axes and 2-D indices equals one-hot matmul", () => {
    const idx = bp.tensor([[3, 0], [1, 1]], undefined, "int32");
    const g = x.gather(idx, -1);
    expect(g.shape).toEqual([2, 3, 2, 2]);
    const selector = bp.oneHot(idx.reshape([4]), 4).cast("float64"); // [4 picks, 4 positions]
    expectSame(g.reshape([2, 3, 4]), x.matmul(selector, false, true), T64);
  });

  test("scatterAdd equals the transposed one-hot matmul and accumulates repeats", () => {
    const u = rand64([4, 3], 43);
    const idx = bp.tensor([2, 0, 2, 1], undefined, "int32");
    const s = bp.scatterAdd(u, idx, 0, [3, 3]);
    expectSame(s, bp.oneHot(idx, 3).cast("float64").matmul(u, true, false), T64);
    expectSame(bp.scatterAdd(u, idx, -2, [3, 3]), s);
  });

  test("oneHot rows sum to one and pick the index", () => {
    const idx = bp.tensor([[0, 2], [1, 1]], undefined, "int32");
    const o = bp.oneHot(idx, 3);
    expect(o.shape).toEqual([2, 2, 3]);
    expectSame(o.sum(-1), bp.ones([2, 2]));
    expectSame(o.argmax(-1), idx);
    expect(bp.oneHot(bp.zeros([0], "int32"), 3).shape).toEqual([0, 3]);
  });

  test("where with numbers, broadcasting and a float condition", () => {
    const c = bp.tensor([1, 0, 1], undefined, "int32");
    const w = bp.where(c, 1, 2);
    expectSame(w, c.mul(-1).add(2).cast("float32"));
    const a = rand64([2, 3], 44);
    expectSame(bp.where(c.cast("float64"), a, 0), a.mul(c.cast("float64")));
    expect(bp.where(bp.zeros([0], "int32"), 1, 2).shape).toEqual([0]);
  });

  test("stopGradient: same values, no gradient", () => {
    const t = rand64([3], 45);
    expectSame(bp.grad((v) => v.mul(bp.stopGradient(v)).sum())(t), t);
  });
});

describe("linear algebra", () => {
  test("dot of vectors is the sum of products; of matrices, matmul", () => {
    const a = rand64([5], 51);
    const b = rand64([5], 52);
    expectSame(bp.dot(a, b), a.mul(b).sum(), T64);
    const m = rand64([2, 5], 53);
    expectSame(bp.dot(m, b), m.mul(b).sum(-1), T64);
    expectSame(bp.dot(b, m.transpose()), m.mul(b).sum(-1), T64);
  });

  test("outer equals a column times a row", () => {
    const a = rand64([3], 54);
    const b = rand64([4], 55);
    expectSame(bp.outer(a, b), a.reshape([3, 1]).matmul(b.reshape([1, 4])), T64);
    expect(bp.outer(bp.zeros([0]), b).shape).toEqual([0, 4]);
  });

  test("matmul transposes equal explicit transposes, with batch broadcasting", () => {
    const a = rand64([2, 1, 4, 3], 56);
    const b = rand64([3, 5, 4], 57);
    expectSame(a.matmul(b, true, true), a.transpose([0, 1, 3, 2]).matmul(b.transpose([0, 2, 1])), T64);
    expect(bp.matmul(bp.zeros([2, 0]), bp.zeros([0, 3])).sum().item()).toBe(0);
  });

  // shapes that cross the js backend's blocking (4×4 micro-tiles, 64 rows, 256 deep, 512 columns)
  test.each([[67, 300, 129], [3, 2, 517], [1, 1, 1], [5, 7, 1], [1, 9, 6], [130, 5, 3]])("matmul %ix%ix%i, all transposes, agrees with a sum of outer products", (m, k, n) => {
    const a = rand64([m, k], 58);
    const b = rand64([k, n], 59);
    const viaSum = a.transpose().expandDims(2).mul(b.expandDims(1)).sum(0);
    const tol = { rtol: 1e-10, atol: 1e-10 };
    expectSame(a.matmul(b), viaSum, tol);
    expectSame(a.transpose().matmul(b, true, false), viaSum, tol);
    expectSame(a.matmul(b.transpose(), false, true), viaSum, tol);
    expectSame(a.transpose().matmul(b.transpose(), true, true), viaSum, tol);
  });

  test("int32 matmul is exact", () => {
    const a = bp.tensor([[1, 2, 3], [4, 5, 6]], undefined, "int32");
    const b = bp.tensor([[7, 8], [9, 10], [11, 12]], undefined, "int32");
    const viaSum = a.transpose().expandDims(2).mul(b.expandDims(1)).sum(0);
    const p = a.matmul(b);
    expect(p.dtype).toBe("int32");
    expect(p.toArray()).toEqual(viaSum.toArray());
  });
});
