/**
 * bp.activations: values and gradients against PyTorch (test/fixtures/core.json, the activation
 * cases whose options match the activation's defaults), the extra activations against their
 * defining formulas in float64, name resolution, custom functions and errors.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, expectFixture, F64, fromFixture, thrown, type FixtureTensor } from "./helpers.js";

interface CoreCase {
  name: string;
  op: string;
  inputs: FixtureTensor[];
  attrs: Record<string, unknown>;
  output: FixtureTensor;
  cotangent: FixtureTensor;
  grads: (FixtureTensor | null)[];
}

const here = dirname(fileURLToPath(import.meta.url));
const core = (JSON.parse(readFileSync(join(here, "..", "fixtures", "core.json"), "utf8")) as { cases: CoreCase[] }).cases;

type Act = bp.activations.ActivationFn;
const acts = bp.activations as unknown as Record<string, Act>;

/** Cases computing exactly what the one-argument activation computes (leakyRelu alpha 0.2, softmax over the last axis). */
const matching = core.filter((c) => {
  if (!["relu", "sigmoid", "tanh", "softsign", "softplus", "elu", "hardTanh", "leakyRelu", "softmax", "logSoftmax"].includes(c.op)) return false;
  if (c.op === "leakyRelu") return c.attrs.alpha === 0.2;
  if (c.op === "softmax" || c.op === "logSoftmax") {
    const axis = c.attrs.axis as number;
    const rank = c.inputs[0]!.shape.length;
    return axis === -1 || axis === rank - 1;
  }
  return true;
});

describe("activations vs PyTorch (core.json)", () => {
  test("every listed activation is covered", () => {
    const ops = new Set(matching.map((c) => c.op));
    for (const a of ["relu", "sigmoid", "tanh", "softsign", "softplus", "elu", "hardTanh", "leakyRelu", "softmax", "logSoftmax"]) expect(ops.has(a), a).toBe(true);
  });

  test.each(matching.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const f = acts[c.op]!;
    const x = fromFixture(c.inputs[0]!, "float64");
    expectFixture(f(x), c.output, F64, "value");
    const g = bp.grad(f)(x, fromFixture(c.cotangent, "float64"));
    expectFixture(g, c.grads[0]!, F64, "grad");
  });
});

describe("activations vs their formulas (float64)", () => {
  const xs = [-3, -1.5, -0.2, 0.1, 0.7, 2.5, 7];
  const phiTanh = (v: number): number => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
  const rows: [string, (v: number) => number][] = [
    ["linear", (v) => v],
    ["relu6", (v) => Math.min(Math.max(v, 0), 6)],
    ["selu", (v) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1))],
    ["swish", (v) => v / (1 + Math.exp(-v))],
    ["geluApproximate", phiTanh],
    ["hardSigmoid", (v) => Math.min(Math.max(0.2 * v + 0.5, 0), 1)],
  ];
  test.each(rows)("%s", (name, ref) => {
    const y = acts[name]!(bp.tensor(xs, [xs.length], "float64"));
    expectClose(y, [xs.length], xs.map(ref), F64, name);
  });

  test("gradients agree with central differences", () => {
    const x = bp.tensor(xs, [xs.length], "float64");
    for (const name of ["selu", "swish", "gelu", "geluApproximate", "softplus", "elu", "softsign", "sigmoid", "tanh"]) {
      const f = acts[name]!;
      const r = bp.checkGrad((t: bp.Tensor) => f(t).sum(), x, { eps: 1e-6 });
      expect(r.maxRelError, name).toBeLessThan(1e-6);
    }
  });

  test("softmax rows sum to 1 and stay finite for logits of ±1000", () => {
    const y = bp.activations.softmax(bp.tensor([[1000, -1000, 0], [5, 5, 5]]));
    expectClose(y, [2, 3], [1, 0, 0, 1 / 3, 1 / 3, 1 / 3], { rtol: 1e-6, atol: 1e-7 }, "softmax");
  });
});

describe("getActivation", () => {
  test.each([
    ["relu", "relu"],
    ["leakyRelu", "leakyRelu"],
    ["leaky_relu", "leakyRelu"],
    ["hard_tanh", "hardTanh"],
    ["Softmax", "softmax"],
    ["silu", "swish"],
    ["log_softmax", "logSoftmax"],
  ])("%j resolves to %s", (name, canonical) => {
    expect(bp.activations.getActivation(name)).toBe(acts[canonical]);
    expect(bp.activations.activationName(bp.activations.getActivation(name))).toBe(canonical);
  });

  test("undefined and null are linear; a function is used as is", () => {
    expect(bp.activations.getActivation(undefined)).toBe(bp.activations.linear);
    expect(bp.activations.getActivation(null)).toBe(bp.activations.linear);
    const cube = (x: bp.Tensor): bp.Tensor => x.pow(3);
    expect(bp.activations.getActivation(cube)).toBe(cube);
  });

  test("an unknown name is a NotFoundError listing the valid names", () => {
    const e = thrown(() => bp.activations.getActivation("relux"));
    expect(e).toBeInstanceOf(bp.NotFoundError);
    expect(e.message).toBe(`getActivation: unknown activation "relux" (did you mean "relu" or "relu6"?); expected one of ${bp.activations.activationNames().map((n) => `"${n}"`).join(", ")} or a function`);
    for (const n of ["linear", "relu", "leakyRelu", "elu", "sigmoid", "tanh", "hardTanh", "softsign", "softplus", "softmax", "selu", "gelu", "geluApproximate", "swish", "relu6", "logSoftmax"]) {
      expect(bp.activations.activationNames()).toContain(n);
    }
  });

  test("a value that is neither a name nor a function is a ValueError", () => {
    const e = thrown(() => bp.activations.getActivation(42 as unknown as string));
    expect(e).toBeInstanceOf(bp.ValueError);
    expect(e.message).toMatch(/getActivation: expected an activation name or a function, got number/);
  });

  test("registerActivation makes a custom function resolvable and nameable", () => {
    const cube = (x: bp.Tensor): bp.Tensor => x.pow(3);
    bp.activations.registerActivation("cubeTest", cube);
    expect(bp.activations.getActivation("cube_test")).toBe(cube);
    expect(bp.activations.activationName(cube)).toBe("cubeTest");
    expect(thrown(() => bp.activations.registerActivation("", cube))).toBeInstanceOf(bp.ValueError);
  });
});
