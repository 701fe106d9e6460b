/**
 * Memory: the count of live tensors (and bytes) the engine tracks returns to where it was after an
 * op, a backward pass and a gradient of a gradient — inside bp.tidy, and without it when the
 * returned tensors are disposed. Also tidy / keep semantics and storage sharing.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectSame } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

const x = bp.randn([3, 4], { seed: 1 });
const w = bp.randn([4, 2], { seed: 2 });
const img = bp.randn([1, 4, 4, 2], { seed: 3 });
const filt = bp.randn([3, 3, 2, 2], { seed: 4 });
const loss = (t: bp.Tensor): bp.Tensor => t.matmul(w).relu().softmax().log().sum();
const convLoss = (t: bp.Tensor): bp.Tensor => bp.maxPool2d(bp.conv2d(t, filt, { padding: "same" }).tanh()).square().sum();

/** Runs `fn` and returns how many tensors and bytes it left alive. */
function leftAlive(fn: () => void): { tensors: number; bytes: number } {
  const before = bp.memory();
  fn();
  const after = bp.memory();
  return { tensors: after.numTensors - before.numTensors, bytes: after.numBytes - before.numBytes };
}

const none = { tensors: 0, bytes: 0 };

describe("inside tidy nothing is left", () => {
  const cases: [string, () => unknown][] = [
    ["an op chain", () => loss(x)],
    ["a backward pass (grad)", () => bp.grad(loss)(x)],
    ["valueAndGrads with variables", () => bp.valueAndGrads(() => loss(x), [x])],
    ["a gradient of a gradient", () => bp.grad((t) => bp.grad(loss)(t).square().sum())(x)],
    ["a hessian", () => bp.hessian((t) => t.pow(3).sum().mul(t.sigmoid().sum()))(bp.tensor([1, 2, 3]))],
    ["a jacobian", () => bp.jacobian((t) => t.softmax())(bp.tensor([1, 2, 3]))],
    ["conv2d and maxPool2d, second order", () => bp.grad((t) => bp.grad(convLoss)(t).square().sum())(img)],
    ["checkGrad", () => bp.checkGrad((t) => t.sigmoid().sum(), bp.tensor([0.5, -1], undefined, "float64"))],
  ];
  for (const [name, fn] of cases) {
    test(name, () => {
      expect(leftAlive(() => bp.tidy(() => void fn()))).toEqual(none);
    });
  }
});

describe("without tidy, disposing what the API returns leaves nothing", () => {
  test("op: each intermediate is disposed by hand", () => {
    expect(
      leftAlive(() => {
        const a = x.matmul(w);
        const b = a.relu();
        const c = b.sum();
        [a, b, c].forEach((t) => t.dispose());
      }),
    ).toEqual(none);
  });

  test("grad", () => {
    expect(leftAlive(() => bp.grad(loss)(x).dispose())).toEqual(none);
  });

  test("grads and valueAndGrad", () => {
    expect(
      leftAlive(() => {
        bp.grads((a, b) => a.matmul(b).sum())([x, w]).forEach((t) => t.dispose());
        const { value, grad } = bp.valueAndGrad(loss)(x);
        value.dispose();
        grad.dispose();
      }),
    ).toEqual(none);
  });

  test("valueAndGrads with respect to variables", () => {
    const v = bp.variable(w);
    expect(
      leftAlive(() => {
        const { value, grads } = bp.valueAndGrads(() => x.matmul(v).square().sum(), [v]);
        value.dispose();
        grads.forEach((g) => g.dispose());
      }),
    ).toEqual(none);
    v.dispose();
  });

  test("gradient of a gradient (conv2d, maxPool2d)", () => {
    expect(leftAlive(() => bp.grad((t) => bp.grad(convLoss)(t).square().sum())(img).dispose())).toEqual(none);
  });

  test("hessian and jacobian", () => {
    const p = bp.tensor([0.1, 0.2, 0.3]);
    expect(
      leftAlive(() => {
        bp.hessian((t) => t.logSumExp())(p).dispose();
        bp.jacobian((t) => t.tanh())(p).dispose();
      }),
    ).toEqual(none);
  });

  test("checkGrad", () => {
    const p = bp.tensor([0.1, 0.2], undefined, "float64");
    expect(
      leftAlive(() => {
        const r = bp.checkGrad((t) => t.exp().sum(), p);
        r.analytic.dispose();
        r.numeric.dispose();
      }),
    ).toEqual(none);
  });

  test("ops with number operands free the scalars made from the numbers", () => {
    expect(leftAlive(() => x.add(1).dispose())).toEqual(none);
    expect(leftAlive(() => bp.sub(2, x).dispose())).toEqual(none);
    expect(leftAlive(() => bp.where(x.greater(0), 1, 0).dispose())).toEqual({ tensors: 1, bytes: 48 }); // x.greater(0)
  });

  test("composed ops leave only their result", () => {
    const v = bp.tensor([1, 2, 3]);
    const s = bp.scalar(2);
    const i4 = bp.tensor([4], undefined, "int32");
    const v4 = bp.ones([4]);
    const ops: [string, () => bp.Tensor | bp.Tensor[]][] = [
      ["relu", () => x.relu()], ["relu6", () => x.relu6()], ["leakyRelu", () => x.leakyRelu()], ["elu", () => x.elu()],
      ["selu", () => x.selu()], ["hardTanh", () => x.hardTanh()], ["hardSigmoid", () => x.hardSigmoid()],
      ["softsign", () => x.softsign()], ["softplus", () => x.softplus()], ["swish", () => x.swish()], ["gelu", () => x.gelu()],
      ["logSigmoid", () => x.logSigmoid()], ["softmax", () => x.softmax()], ["logSoftmax", () => x.logSoftmax(0)],
      ["squaredDifference", () => bp.squaredDifference(x, 1)], ["reciprocal", () => x.reciprocal()], ["expm1", () => x.expm1()],
      ["rsqrt", () => v.rsqrt()], ["clip", () => x.clip(-0.5, 0.5)], ["isFinite", () => x.isFinite()], ["isNaN", () => x.isNaN()],
      ["sum keepDims", () => x.sum(1, true)], ["mean", () => x.mean(0)], ["variance", () => bp.variance(x)], ["max keepDims", () => x.max(-1, true)],
      ["argmax of a scalar", () => s.argmax()], ["logSumExp", () => x.logSumExp(1)], ["sumTo", () => x.sumTo([4])],
      ["concat with a cast", () => bp.concat([v, i4])], ["stack", () => bp.stack([v, v], 1)],
      ["unstack", () => bp.unstack(x, 1)], ["split", () => bp.split(x, 2, 1)], ["tile", () => bp.tile(v, [2])],
      ["gather with an index array", () => x.gather([2, 0])], ["scatterAdd with an index array", () => bp.scatterAdd(v, [1, 1, 0], 0, [2])],
      ["oneHot with an index array", () => bp.oneHot([0, 2], 3)], ["where with numbers", () => bp.where(i4, 1, 2)],
      ["matmul of vectors", () => bp.matmul(v, v)], ["matmul vector x matrix", () => bp.matmul(x, v4)], ["dot", () => bp.dot(v, v)],
      ["outer", () => bp.outer(v, v)], ["flatten", () => x.flatten()], ["expandDims", () => x.expandDims(-1)], ["pad", () => x.pad([[1, 1], [0, 0]])],
    ];
    for (const [name, op] of ops) {
      const before = bp.memory().numTensors;
      const out = op();
      const results = Array.isArray(out) ? out : [out];
      expect(bp.memory().numTensors - before, name).toBe(results.length);
      results.forEach((t) => t.dispose());
      expect(bp.memory().numTensors, name).toBe(before);
    }
  });

  test("a failing gradient call frees what it created", () => {
    expect(
      leftAlive(() => {
        expect(() => bp.grad((t) => t.matmul(bp.zeros([5, 5])).sum())(x)).toThrow(bp.ShapeError);
      }),
    ).toEqual(none);
  });
});

describe("tidy and keep", () => {
  test("returned tensors survive, including inside arrays and objects; the rest is freed", () => {
    let inner: bp.Tensor | undefined;
    const before = bp.memory().numTensors;
    const out = bp.tidy(() => {
      inner = x.add(1);
      return { a: inner.mul(2), list: [inner.sub(1)], n: 3 };
    });
    expect(bp.memory().numTensors - before).toBe(2);
    expect(inner?.isDisposed).toBe(true);
    expect(out.a.isDisposed).toBe(false);
    expect(out.list[0]?.shape).toEqual([3, 4]);
    out.a.dispose();
    out.list[0]?.dispose();
    expect(bp.memory().numTensors).toBe(before);
  });

  test("keep exempts a tensor from every enclosing scope", () => {
    let kept: bp.Tensor | undefined;
    const before = bp.memory().numTensors;
    bp.tidy(() => {
      bp.tidy(() => {
        kept = bp.keep(x.add(1));
      });
    });
    expect(kept?.isDisposed).toBe(false);
    expect(bp.memory().numTensors - before).toBe(1);
    kept?.dispose();
  });

  test("a nested scope's result moves to the enclosing scope and is freed there", () => {
    let mid: bp.Tensor | undefined;
    expect(
      leftAlive(() =>
        bp.tidy(() => {
          mid = bp.tidy(() => x.add(1));
          expect(mid.isDisposed).toBe(false);
        }),
      ),
    ).toEqual(none);
    expect(mid?.isDisposed).toBe(true);
  });

  test("an exception inside tidy frees the scope's tensors", () => {
    expect(
      leftAlive(() => {
        expect(() =>
          bp.tidy(() => {
            x.add(1);
            throw new Error("boom");
          }),
        ).toThrow("boom");
      }),
    ).toEqual(none);
  });

  test("a variable created inside tidy outlives it; assign inside tidy leaks nothing", () => {
    let v: bp.Variable | undefined;
    bp.tidy(() => {
      v = bp.variable(bp.zeros([2]));
    });
    expect(v?.isDisposed).toBe(false);
    const variable = v as bp.Variable;
    expect(leftAlive(() => bp.tidy(() => void variable.assign(variable.add(1).mul(2))))).toEqual(none);
    expect(Array.from(variable.dataSync())).toEqual(Array.from(bp.zeros([2]).add(1).mul(2).dataSync()));
    variable.dispose();
  });

  test("a tidy inside the function being differentiated keeps what the backward pass needs", () => {
    const p = bp.tensor([0.5, -1, 2]);
    const plain = bp.grad((t) => t.exp().mul(t.sin()).sum())(p);
    expect(
      leftAlive(() => {
        const g = bp.grad((t) => bp.tidy(() => t.exp().mul(bp.tidy(() => t.sin())).sum()))(p);
        expectSame(g, plain);
        g.dispose();
      }),
    ).toEqual(none);
    // and a second-order gradient through nested scopes
    const second = bp.grad((t) => bp.tidy(() => bp.grad((u) => bp.tidy(() => u.pow(3).sum()))(t).sum()))(p);
    expectSame(second, p.mul(6));
  });

  test("disposing a tensor the backward pass needs is a MemoryError, not a silently wrong gradient", () => {
    const f = (t: bp.Tensor): bp.Tensor => {
      const e = t.exp();
      const s = e.sum();
      e.dispose();
      return s;
    };
    expect(() => bp.grad(f)(bp.tensor([1, 2]))).toThrow(/exp .* was disposed before the backward pass/);
  });

  test("dispose is idempotent and frees the bytes once", () => {
    const t = bp.ones([10]);
    const bytes = bp.memory().numBytes;
    t.dispose();
    t.dispose();
    expect(bytes - bp.memory().numBytes).toBe(40);
  });

  test("a reshape shares storage: the bytes stay until both are disposed", () => {
    const expected = bp.tensor([1, 2, 3, 4], [2, 2]).toArray();
    const before = bp.memory();
    const a = bp.tensor([1, 2, 3, 4]);
    const b = a.reshape([2, 2]);
    expect(bp.memory().numBytes - before.numBytes).toBe(16);
    a.dispose();
    expect(b.toArray()).toEqual(expected);
    b.dispose();
    expect(bp.memory().numBytes).toBe(before.numBytes);
  });

  test("float64 storage is counted at 8 bytes per element", () => {
    expect(leftAlive(() => bp.keep(bp.zeros([3], "float64"))).bytes).toBe(24);
  });
});
