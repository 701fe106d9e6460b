/**
 * Tensor basics: printing, toArray / dataSync / item, creation, seeding, Variable.assign, the
 * backend switch, dtype rules, and the two autodiff examples of a first course (the chain rule on
 * (x + y)·z and a sigmoid neuron), checked against central differences.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, expectSame } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

describe("toString", () => {
  test("small tensors print every value, NumPy-like, with a header", () => {
    const s = bp.tensor([[1, 2.5], [-3, 4]]).toString();
    const lines = s.split("\n");
    expect(lines[0]).toBe("Tensor(shape=[2,2], dtype=float32)");
    expect(lines[1]?.startsWith("[[")).toBe(true);
    expect(lines[2]?.startsWith(" [")).toBe(true);
    expect(s.endsWith("]]")).toBe(true);
    expect(s).not.toContain("...");
    for (const v of ["1.", "2.5", "-3.", "4."]) expect(s).toContain(v);
    // columns are aligned: both rows have the same width
    expect(lines[1]?.length).toBe(lines[2]?.length);
  });

  test("large tensors are elided with ... and show the first and last values", () => {
    const t = bp.arange(0, 2000).reshape([40, 50]);
    const s = t.toString();
    expect(s).toContain("...");
    const lines = s.split("\n");
    expect(lines.length).toBeLessThan(12);
    const data = t.dataSync();
    expect(s).toContain(`${data[0]}.`);
    expect(s).toContain(`${data[data.length - 1]}.`);
    expect(s).not.toContain(`${data[1000]}.`);
  });

  test("scalars, int32, float64, size-0, non-finite values and rank 3", () => {
    expect(bp.scalar(3.5).toString().split("\n")[1]).toBe("3.5");
    const ints = bp.tensor([[1, 20], [300, 4]], undefined, "int32").toString();
    expect(ints).toContain("dtype=int32");
    expect(ints).not.toContain(".");
    expect(bp.zeros([2], "float64").toString()).toContain("dtype=float64");
    expect(bp.zeros([0, 3]).toString()).toBe("Tensor(shape=[0,3], dtype=float32)\n[]");
    const special = bp.tensor([NaN, Infinity, -Infinity]).toString();
    for (const v of ["nan", "inf", "-inf"]) expect(special).toContain(v);
    const r3 = bp.arange(0, 8).reshape([2, 2, 2]).toString();
    expect(r3).toContain("[[[");
    expect(r3).toContain("\n\n"); // blocks of a rank-3 tensor are separated by a blank line, as in NumPy
  });

  test("a disposed tensor prints its header", () => {
    const t = bp.ones([2]);
    t.dispose();
    expect(t.toString()).toContain("<disposed>");
  });
});

describe("toArray, dataSync, item", () => {
  test("toArray nests like the shape; a scalar is a number", () => {
    const data = [1, 2, 3, 4, 5, 6];
    const t = bp.tensor(data, [2, 3]);
    expect(t.toArray()).toEqual([data.slice(0, 3), data.slice(3)]);
    expect(bp.scalar(7).toArray()).toBe(7);
    expect(bp.zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(bp.zeros([0]).toArray()).toEqual([]);
  });

  test("dataSync returns a copy of the right typed array", () => {
    const t = bp.tensor([1, 2, 3]);
    const d = t.dataSync();
    expect(d).toBeInstanceOf(Float32Array);
    d[0] = 100;
    expect(t.dataSync()[0]).toBe(1);
    expect(bp.zeros([1], "int32").dataSync()).toBeInstanceOf(Int32Array);
    expect(bp.zeros([1], "float64").dataSync()).toBeInstanceOf(Float64Array);
  });

  test("item reads a one-element tensor of any rank", () => {
    expect(bp.scalar(2.5).item()).toBe(2.5);
    expect(bp.tensor([[4]], undefined, "int32").item()).toBe(4);
  });

  test("shape, rank, size and dtype", () => {
    const t = bp.zeros([2, 3, 4], "int32");
    expect([t.shape, t.rank, t.size, t.dtype]).toEqual([[2, 3, 4], 3, 24, "int32"]);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });
});

describe("creation", () => {
  test("tensor from nested arrays, flat data with a shape, typed arrays and booleans", () => {
    expect(bp.tensor([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
    const flat = bp.tensor(new Float32Array(6), [2, 3]);
    expect([flat.shape, flat.dtype]).toEqual([[2, 3], "float32"]);
    expect(bp.tensor(new Int32Array([1, 2])).dtype).toBe("int32");
    expect(bp.tensor(new Float64Array([1, 2])).dtype).toBe("float64");
    expect(bp.tensor([true, false]).dataSync()).toEqual(new Float32Array([1, 0]));
    expect(bp.tensor(5).shape).toEqual([]);
    expect(bp.tensor([]).shape).toEqual([0]);
    expect(bp.tensor(bp.tensor([1, 2]), undefined, "int32").dtype).toBe("int32");
    const rows = [new Float32Array([1, 2]), new Float32Array([3, 4])];
    expectSame(bp.tensor(rows), bp.tensor([Array.from(rows[0]!), Array.from(rows[1]!)]));
  });

  test("zeros, ones, full, eye, zerosLike, onesLike", () => {
    expect(bp.zeros([2, 3]).sum().item()).toBe(0);
    expect(bp.ones([2, 3]).sum().item()).toBe(6);
    expect(bp.full([2, 2], 7).mean().item()).toBe(7);
    const e = bp.eye(3);
    expectSame(bp.matmul(e, bp.arange(0, 9).reshape([3, 3])), bp.arange(0, 9).reshape([3, 3]));
    expect(bp.eye(2, 3).shape).toEqual([2, 3]);
    expect(bp.eye(2, 3).sum().item()).toBe(2);
    const x = bp.tensor([1, 2], undefined, "int32");
    expect([bp.zerosLike(x).dtype, bp.onesLike(x).sum().item()]).toEqual(["int32", 2]);
  });

  test("arange and linspace", () => {
    expect(bp.arange(5).dataSync()).toEqual(new Float32Array([0, 1, 2, 3, 4].map(Number)));
    const r = bp.arange(0, 10, 2);
    expect([r.size, r.max().item(), r.min().item()]).toEqual([5, 8, 0]);
    expect(bp.arange(5, 0, -2).size).toBe(3);
    expect(bp.arange(0, 1, 0.1).size).toBe(10);
    expect(bp.arange(3, 3).size).toBe(0);
    expect(bp.arange(0, 3, 1, "int32").dtype).toBe("int32");
    const l = bp.linspace(-1, 1, 5);
    expect([l.size, l.min().item(), l.max().item(), l.mean().item()]).toEqual([5, -1, 1, 0]);
    expect(bp.linspace(2, 3, 1).item()).toBe(2);
  });
});

describe("randomness", () => {
  test("setSeed makes every random draw reproducible", () => {
    bp.setSeed(1);
    const a = bp.randn([5]).dataSync();
    const b = bp.randn([5]).dataSync();
    const u = bp.rand([5]).dataSync();
    bp.setSeed(1);
    expect(bp.randn([5]).dataSync()).toEqual(a);
    expect(bp.randn([5]).dataSync()).toEqual(b);
    expect(bp.rand([5]).dataSync()).toEqual(u);
    expect(a).not.toEqual(b);
    expect(bp.getSeed()).toBe(1);
    bp.setSeed(2);
    expect(bp.randn([5]).dataSync()).not.toEqual(a);
  });

  test("an explicit seed is reproducible and independent of the global seed", () => {
    bp.setSeed(3);
    const a = bp.randn([2, 3], { seed: 1 }).dataSync();
    bp.setSeed(4);
    expect(bp.randn([2, 3], { seed: 1 }).dataSync()).toEqual(a);
    expect(bp.rand([2, 3], { seed: 1 }).dataSync()).toEqual(bp.rand([2, 3], { seed: 1 }).dataSync());
    expect(bp.randn([4], { seed: 2 }).dataSync()).not.toEqual(bp.randn([4], { seed: 1 }).dataSync());
  });

  test("draws have the requested distribution", () => {
    const n = bp.randn([20000], { seed: 5, mean: 2, stddev: 3 });
    expect(Math.abs(n.mean().item() - 2)).toBeLessThan(0.1);
    expect(Math.abs(Math.sqrt(bp.variance(n).item()) - 3)).toBeLessThan(0.1);
    const u = bp.rand([20000], { seed: 6, minval: -2, maxval: 4 });
    expect(u.min().item()).toBeGreaterThanOrEqual(-2);
    expect(u.max().item()).toBeLessThan(4);
    expect(Math.abs(u.mean().item() - 1)).toBeLessThan(0.1);
    const t = bp.truncatedNormal([20000], { seed: 7, stddev: 0.5 });
    expect(t.abs().max().item()).toBeLessThanOrEqual(1);
    expect(bp.randn([3], { dtype: "float64", seed: 1 }).dtype).toBe("float64");
  });

  test("Rng: uniform, int, shuffle and fork are deterministic", () => {
    const a = new bp.Rng(9);
    const b = new bp.Rng(9);
    expect([a.uniform(), a.normal(), a.int(10), a.fork()]).toEqual([b.uniform(), b.normal(), b.int(10), b.fork()]);
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const ys = [...xs];
    new bp.Rng(1).shuffle(xs);
    new bp.Rng(1).shuffle(ys);
    expect(xs).toEqual(ys);
    expect([...xs].sort((p, q) => p - q)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe("Variable", () => {
  test("assign updates in place: same object, new value", () => {
    const v = bp.variable(bp.zeros([2, 2]), { name: "w" });
    const id = v.id;
    const next = bp.ones([2, 2]).mul(3);
    expect(v.assign(next)).toBe(v);
    expect(v.id).toBe(id);
    expectSame(v, next);
    expect([v.name, v.trainable, v.requiresGrad]).toEqual(["w", true, true]);
  });

  test("a variable copies its initial value, and views of it keep the old value after assign", () => {
    const init = bp.tensor([1, 2, 3, 4]);
    const v = bp.variable(init);
    const view = v.reshape([2, 2]);
    v.assign(bp.zeros([4]));
    expectSame(init, bp.tensor([1, 2, 3, 4]));
    expectSame(view.reshape([4]), init);
    expectSame(v, bp.zeros([4]));
  });

  test("assign converts the dtype; trainable: false turns gradients off", () => {
    const v = bp.variable(bp.zeros([2]), { trainable: false });
    v.assign(bp.tensor([1, 2], undefined, "int32"));
    expect(v.dtype).toBe("float32");
    expectSame(v, bp.tensor([1, 2]));
    expect(v.requiresGrad).toBe(false);
  });

  test("valueAndGrads with respect to variables, then an update by assign", () => {
    const w = bp.variable(bp.tensor([1, -1]));
    const target = bp.tensor([3, 2]);
    const loss = (): bp.Tensor => w.sub(target).square().sum();
    const { value, grads } = bp.valueAndGrads(loss, [w]);
    expect(value.item()).toBeCloseTo(w.sub(target).square().sum().item(), 6);
    expectSame(grads[0] as bp.Tensor, w.sub(target).mul(2));
    for (let i = 0; i < 200; i++) {
      const g = bp.valueAndGrads(loss, [w]).grads[0] as bp.Tensor;
      w.assign(w.sub(g.mul(0.1)));
    }
    expectClose(w, [2], target.dataSync(), { rtol: 1e-5, atol: 1e-5 });
  });
});

describe("backend and dtypes", () => {
  test("js is available and selected", () => {
    bp.setBackend("js");
    expect(bp.getBackend()).toBe("js");
  });

  test("dtype promotion and weak number operands", () => {
    const i = bp.tensor([1, 2], undefined, "int32");
    const f = bp.tensor([1, 2]);
    const d = bp.tensor([1, 2], undefined, "float64");
    expect(i.add(1).dtype).toBe("int32");
    expect(i.add(1.5).dtype).toBe("float32");
    expect(i.add(f).dtype).toBe("float32");
    expect(f.add(d).dtype).toBe("float64");
    expect(d.mul(2).dtype).toBe("float64");
    expect(i.div(2).dtype).toBe("float32");
    expect(i.mean().dtype).toBe("float32");
    expect(f.greater(1).dtype).toBe("int32");
    expect(f.argmax().dtype).toBe("int32");
  });

  test("every op of API.md's Tensors section is a function and, where natural, a method", () => {
    const functions = [
      "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "abs", "square", "sign", "maximum", "minimum", "clip",
      "matmul", "transpose", "reshape", "flatten", "expandDims", "squeeze", "concat", "stack", "slice", "gather", "oneHot", "where",
      "sum", "mean", "max", "min", "argmax", "argmin", "relu", "leakyRelu", "elu", "sigmoid", "tanh", "hardTanh", "softsign",
      "softplus", "softmax", "logSoftmax", "conv2d", "maxPool2d", "avgPool2d",
      "tensor", "zeros", "ones", "full", "eye", "arange", "randn", "rand", "setSeed", "setBackend", "getBackend",
    ];
    const api = bp as unknown as Record<string, unknown>;
    expect(functions.filter((f) => typeof api[f] !== "function")).toEqual([]);
    const methods = functions.slice(0, functions.indexOf("tensor")).filter((m) => m !== "stack" && m !== "oneHot");
    const proto = bp.Tensor.prototype as unknown as Record<string, unknown>;
    expect(methods.filter((m) => typeof proto[m] !== "function")).toEqual([]);
  });
});

describe("autodiff examples", () => {
  test("chain rule: f(x, y, z) = (x + y)·z at (-2, 5, -4), against central differences", () => {
    const f = (x: bp.Tensor, y: bp.Tensor, z: bp.Tensor): bp.Tensor => x.add(y).mul(z);
    const point = [-2, 5, -4].map((v) => bp.scalar(v, "float64"));
    const gs = bp.grads(f)(point);
    const asVector = (v: bp.Tensor): bp.Tensor => f(v.slice([0], [1]), v.slice([1], [1]), v.slice([2], [1])).sum();
    const check = bp.checkGrad(asVector, bp.stack(point));
    expect(check.ok).toBe(true);
    expectClose(bp.stack(gs), [3], check.numeric.dataSync(), { rtol: 1e-8, atol: 1e-8 });
    // the chain rule's local pieces: ∂f/∂x = ∂f/∂y = z, ∂f/∂z = x + y
    const [x, y, z] = point as [bp.Tensor, bp.Tensor, bp.Tensor];
    expectSame(bp.stack(gs), bp.stack([z, z, x.add(y)]));
  });

  test("sigmoid neuron σ(w·x + b): gradients against central differences and σ' = σ(1 - σ)", () => {
    const x = bp.randn([3], { seed: 11, dtype: "float64" });
    const w = bp.randn([3], { seed: 12, dtype: "float64" });
    const b = bp.scalar(0.3, "float64");
    const neuron = (wv: bp.Tensor, bv: bp.Tensor): bp.Tensor => bp.sigmoid(bp.dot(wv, x).add(bv));
    const [dw, db] = bp.grads(neuron)([w, b]) as [bp.Tensor, bp.Tensor];
    const cw = bp.checkGrad((wv) => neuron(wv, b), w);
    const cb = bp.checkGrad((bv) => neuron(w, bv), b);
    expect(cw.ok && cb.ok).toBe(true);
    expectClose(dw, [3], cw.numeric.dataSync(), { rtol: 1e-7, atol: 1e-9 });
    expectClose(db, [], cb.numeric.dataSync(), { rtol: 1e-7, atol: 1e-9 });
    const s = neuron(w, b);
    const local = s.mul(s.neg().add(1));
    expectSame(dw, x.mul(local), { rtol: 1e-12, atol: 1e-14 });
    expectSame(db, local, { rtol: 1e-12, atol: 1e-14 });
  });

  test("noGrad records nothing: gradients through it are zero", () => {
    const g = bp.grad((t) => t.square().sum().add(bp.noGrad(() => t.exp().sum())))(bp.tensor([1, 2]));
    expectSame(g, bp.tensor([1, 2]).mul(2));
  });

  test("a gradient asked for inside noGrad is computed, and stays invisible to an enclosing gradient", () => {
    const x = bp.tensor([1, 2]);
    expectSame(bp.noGrad(() => bp.grad((t) => t.square().sum())(x)), x.mul(2));
    const g = bp.grad((t) => t.square().sum().add(bp.noGrad(() => bp.grad((u) => u.pow(3).sum())(t).sum())))(x);
    expectSame(g, x.mul(2));
  });

  test("a non-scalar result is differentiated as its sum, or with an explicit dy", () => {
    const x = bp.tensor([1, 2, 3]);
    expectSame(bp.grad((t) => t.square())(x), bp.grad((t) => t.square().sum())(x));
    const dy = bp.tensor([1, 0, -1]);
    expectSame(bp.grad((t) => t.square())(x, dy), x.mul(2).mul(dy));
  });

  test("a gradient has its input's dtype, even when float64 constants meet it more than once", () => {
    const w = bp.tensor([1, 2], undefined, "float64");
    const g = bp.grad((t) => t.mul(w).add(t.mul(w)).sum())(bp.tensor([3, 4]));
    expect(g.dtype).toBe("float32");
    expectSame(g, w.mul(2).cast("float32"));
  });

  test("valueAndGrad returns f(x) and its gradient", () => {
    const x = bp.tensor([0.5, -2]);
    const f = (t: bp.Tensor): bp.Tensor => t.tanh().sum();
    const { value, grad } = bp.valueAndGrad(f)(x);
    expectSame(value, f(x));
    expectSame(grad, bp.grad(f)(x));
  });

  test("gradients with respect to an unused argument are zeros of its shape", () => {
    const [ga, gb] = bp.grads((a, _b) => a.sum())([bp.ones([2]), bp.ones([3, 1])]) as [bp.Tensor, bp.Tensor];
    expectSame(ga, bp.ones([2]));
    expectSame(gb, bp.zeros([3, 1]));
  });
});
