/**
 * Every case of test/fixtures/core.json (PyTorch, float64): the forward value in float32 and float64,
 * the method form against the function form, and the vector-Jacobian products ("grads" for the stored
 * "cotangent"), which carry PyTorch's conventions at kinks and ties.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { functionCalls, methodCalls } from "./call-fixture.js";
import { core, expectFixture, F32, F64, fromFixture, type FixtureCase } from "./fixtures.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

function call(c: FixtureCase, dtype: "float32" | "float64", form: "function" | "method" = "function"): bp.Tensor {
  const f = (form === "function" ? functionCalls : methodCalls)[c.op];
  if (!f) throw new Error(`no ${form} call for op ${c.op}`);
  return f(c.inputs.map((t) => fromFixture(t, dtype)), c.attrs);
}

describe("core.json covers the ops it is meant to", () => {
  test("every fixture op has a call convention here", () => {
    const missing = [...new Set(core.cases.map((c) => c.op))].filter((op) => !functionCalls[op]);
    expect(missing).toEqual([]);
  });
  test("fixture cases include scalars, size-0 tensors, broadcasting, negative axes and keepDims", () => {
    const shapes = core.cases.flatMap((c) => c.inputs.map((t) => t.shape));
    expect(shapes.some((s) => s.length === 0)).toBe(true);
    expect(shapes.some((s) => s.includes(0))).toBe(true);
    expect(core.cases.some((c) => c.name.includes("broadcast"))).toBe(true);
    expect(core.cases.some((c) => typeof c.attrs.axis === "number" && c.attrs.axis < 0)).toBe(true);
    expect(core.cases.some((c) => c.attrs.keepDims === true)).toBe(true);
  });

  test("the tie and kink conventions are among the cases (their vjp rows below check PyTorch's rule)", () => {
    const names = new Set(core.cases.map((c) => c.name));
    const conventions = [
      "relu_ties_at_zero", // relu'(0) = 0
      "leakyRelu_at_zero", // leakyRelu'(0) = alpha
      "abs_at_zero", // abs'(0) = 0
      "elu_at_zero", // elu'(0) = 1
      "maximum_ties", // ties split in half
      "minimum_ties",
      "maximum_ties_broadcast",
      "max_ties_all", // amax: split evenly among tied extrema
      "max_ties_axis1",
      "min_ties_axis0_keep",
      "clip_boundary_ties", // clip passes the gradient on the boundary
      "hardTanh_at_boundaries",
    ];
    expect(conventions.filter((n) => !names.has(n))).toEqual([]);
    for (const n of conventions) expect(core.cases.find((c) => c.name === n)?.grads, n).toBeDefined();
  });
});

describe.each(core.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  test("forward, float32", () => {
    expectFixture(call(c, "float32"), c.output, F32, c.name);
  });

  test("forward, float64", () => {
    expectFixture(call(c, "float64"), c.output, F64, c.name);
  });

  if (methodCalls[c.op]) {
    test("method form equals function form", () => {
      const viaMethod = call(c, "float32", "method");
      expectFixture(viaMethod, c.output, F32, `${c.name} (method)`);
    });
  }

  const { cotangent, grads } = c;
  if (cotangent && grads) {
    test("vjp matches PyTorch (float64)", () => {
      const inputs = c.inputs.map((t) => fromFixture(t, "float64"));
      const w = fromFixture(cotangent, "float64");
      const f = functionCalls[c.op] as (xs: bp.Tensor[], a: Record<string, unknown>) => bp.Tensor;
      // differentiate only with respect to the float inputs; int32 inputs (indices, conditions) stay fixed
      const which = inputs.map((t, i) => (t.dtype === "int32" ? -1 : i)).filter((i) => i >= 0);
      const gs = bp.grads((...vs: bp.Tensor[]) => {
        const xs = [...inputs];
        which.forEach((idx, k) => (xs[idx] = vs[k] as bp.Tensor));
        return f(xs, c.attrs).mul(w).sum();
      })(which.map((i) => inputs[i] as bp.Tensor));
      which.forEach((idx, k) => {
        const expected = grads[idx];
        if (expected === null || expected === undefined) return; // PyTorch's NaN (pow with a negative base)
        expectFixture(gs[k] as bp.Tensor, expected, F64, `${c.name} grad[${idx}]`);
      });
    });
  }
});
