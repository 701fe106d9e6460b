/**
 * jacobian and hessian against the "jacobians" / "hessians" entries of core.json
 * (torch.autograd.functional), each "fn" implemented as its description says.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { core, expectClose, expectFixture, F32, F64, fromFixture, type FixtureFn } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

type Consts = Record<string, bp.Tensor>;
const c = (consts: Consts, k: string): bp.Tensor => {
  const t = consts[k];
  if (!t) throw new Error(`missing constant ${k}`);
  return t;
};

/** The functions named by "fn", as their descriptions in core.json define them. */
const fns: Record<string, (x: bp.Tensor, k: Consts) => bp.Tensor> = {
  sigmoid: (x) => bp.sigmoid(x),
  softmax_last_axis: (x) => bp.softmax(x, -1),
  matmul_fixed_W: (x, k) => bp.matmul(x, c(k, "W")),
  sum_axis0_of_x_times_x: (x) => bp.sum(bp.mul(x, x), 0),
  tanh_of_W_times_x_plus_x: (x, k) => bp.add(bp.tanh(bp.reshape(bp.matmul(c(k, "W"), bp.reshape(x, [3, 1])), [3])), x),
  sum_x_cubed: (x) => bp.sum(bp.pow(x, 3)),
  logSumExp_all: (x) => bp.logSumExp(x),
  sum_sigmoid_W_x: (x, k) => bp.sum(bp.sigmoid(bp.matmul(c(k, "W"), bp.reshape(x, [4, 1])))),
  sum_x_squared_times_tanh: (x) => bp.sum(bp.mul(bp.mul(x, x), bp.tanh(x))),
  sum_softmax_times_c: (x, k) => bp.sum(bp.mul(bp.softmax(x, -1), c(k, "c"))),
};

function setup(e: FixtureFn, dtype: "float32" | "float64"): { x: bp.Tensor; f: (x: bp.Tensor) => bp.Tensor } {
  const consts: Consts = Object.fromEntries(Object.entries(e.consts ?? {}).map(([k, v]) => [k, fromFixture(v, dtype)]));
  const fn = fns[e.fn];
  if (!fn) throw new Error(`no implementation of fixture fn ${e.fn}`);
  return { x: fromFixture(e.x, dtype), f: (x) => fn(x, consts) };
}

describe.each(core.jacobians.map((e) => [e.name, e] as const))("jacobian %s", (_n, e) => {
  for (const dtype of ["float32", "float64"] as const) {
    test(dtype, () => {
      const { x, f } = setup(e, dtype);
      const tol = dtype === "float32" ? F32 : F64;
      expectFixture(f(x), e.value, tol, `${e.name} value`);
      const j = bp.jacobian(f)(x);
      expectFixture(j, e.output, tol, `${e.name} J`);
      expect(j.shape).toEqual([...e.value.shape, ...e.x.shape]);
    });
  }
});

describe.each(core.hessians.map((e) => [e.name, e] as const))("hessian %s", (_n, e) => {
  for (const dtype of ["float32", "float64"] as const) {
    test(dtype, () => {
      const { x, f } = setup(e, dtype);
      const tol = dtype === "float32" ? F32 : F64;
      expectFixture(f(x), e.value, tol, `${e.name} value`);
      const h = bp.hessian(f)(x);
      expectFixture(h, e.output, tol, `${e.name} H`);
    });
  }
});

describe("jacobian and hessian relations", () => {
  test("covers every fixture fn", () => {
    const names = [...core.jacobians, ...core.hessians].map((e) => e.fn);
    expect(names.filter((n) => !fns[n])).toEqual([]);
  });

  test("the Jacobian of a scalar function is its gradient; the Hessian is the Jacobian of the gradient", () => {
    for (const e of core.hessians) {
      const { x, f } = setup(e, "float64");
      expectClose(bp.jacobian(f)(x), x.shape, bp.grad(f)(x).dataSync(), F64, `${e.name} J = grad`);
      expectClose(bp.hessian(f)(x), [...x.shape, ...x.shape], bp.jacobian(bp.grad(f))(x).dataSync(), F64, `${e.name}`);
    }
  });

  test("each Hessian is symmetric", () => {
    for (const e of core.hessians) {
      const { x, f } = setup(e, "float64");
      const h = bp.hessian(f)(x).reshape([x.size, x.size]);
      expectClose(h, h.shape, h.transpose().dataSync(), F64, e.name);
    }
  });

  test("the Jacobian of a size-0 input has a zero-size axis", () => {
    const j = bp.jacobian((x) => x.exp())(bp.zeros([0]));
    expect(j.shape).toEqual([0, 0]);
    const j2 = bp.jacobian((x) => x.sum())(bp.zeros([0, 2]));
    expect(j2.shape).toEqual([0, 2]);
  });
});
