/**
 * The one-pass update rules of SGD, RMSprop, Adagrad, Adadelta, Adamax and Nadam (src/optim/rules,
 * run in place): on every backend the new parameter and slots equal each optimizer's
 * formula written with ops (src/optim/<name>.ts), every option combination; an optimizer's steps
 * through them follow the formula's trajectory; and bad input is refused.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { updateInPlace } from "../../src/optim/fused.js";
import type { RuleName, UpdateRuleAttrs } from "../../src/backend/update-rules.js";
import type { TypedArray } from "../../src/backend/dtype.js";
import { backendByName } from "../../src/tensor/engine.js";
import { expectMatch, registerVariants, VARIANTS } from "./helpers.js";

registerVariants();
const O = bp.optimizers;

/** A rule's name with its attributes. */
type OptimizerUpdateAttrs = { [R in RuleName]: { rule: R } & UpdateRuleAttrs[R] }[RuleName];

/** Runs the rule named in `attrs` in place on p and the slots. */
function fused(p: bp.Tensor, g: bp.Tensor, slots: readonly bp.Tensor[], { rule, ...attrs }: OptimizerUpdateAttrs): void {
  updateInPlace(rule, p, g, slots, attrs as never);
}
const T = 3;

interface Rule {
  name: string;
  /** The slots' initial values: non-negative (true: accumulators of squares), small (0.1·randn) or any (false). */
  slots: (boolean | "small")[];
  attrs: OptimizerUpdateAttrs;
  /** The formula with ops: the new parameter and slots. */
  formula: (p: bp.Tensor, g: bp.Tensor, s: bp.Tensor[]) => bp.Tensor[];
}

const ut = O.nadamMomentum(0.9, T);
const ut1 = O.nadamMomentum(0.9, T + 1);
const product = O.nadamMomentum(0.9, 1) * O.nadamMomentum(0.9, 2) * ut;

const rules: Rule[] = [
  { name: "sgd", slots: [], attrs: { rule: "sgd", lr: 0.1 }, formula: (p, g) => [O.sgdUpdate(p, g, undefined, { lr: 0.1, momentum: 0, nesterov: false }).p] },
  ...[false, true].map((nesterov): Rule => ({
    name: `sgd momentum${nesterov ? " nesterov" : ""}`, slots: [false],
    attrs: { rule: "momentum", lr: 0.1, momentum: 0.9, nesterov },
    formula: (p, g, [v]) => {
      const out = O.sgdUpdate(p, g, v, { lr: 0.1, momentum: 0.9, nesterov });
      return [out.p, out.v!];
    },
  })),
  ...[[false, 0], [true, 0], [false, 0.9], [true, 0.9]].map(([centered, momentum]): Rule => ({
    name: `rmsprop${centered ? " centered" : ""}${momentum ? " momentum" : ""}`,
    // the running mean of g stays well inside √v (d = v − a² + ε is ill-conditioned where they meet)
    slots: [true, ...(centered ? ["small" as const] : []), ...(momentum ? [false] : [])],
    attrs: { rule: "rmsprop", lr: 0.01, rho: 0.9, epsilon: 1e-7, momentum: momentum as number, centered: centered as boolean },
    formula: (p, g, s) => {
      const present = { velocity: s[0]!, averageGradient: centered ? s[1] : undefined, momentum: momentum ? s[centered ? 2 : 1] : undefined };
      const out = O.rmspropUpdate(p, g, present, { lr: 0.01, rho: 0.9, momentum: momentum as number, epsilon: 1e-7 });
      return [out.p, out.slots.velocity!, ...(centered ? [out.slots.averageGradient!] : []), ...(momentum ? [out.slots.momentum!] : [])];
    },
  })),
  {
    name: "adagrad", slots: [true], attrs: { rule: "adagrad", lr: 0.1, epsilon: 1e-7 },
    formula: (p, g, [a]) => {
      const out = O.adagradUpdate(p, g, a!, { lr: 0.1, epsilon: 1e-7 });
      return [out.p, out.a];
    },
  },
  {
    name: "adadelta", slots: [true, true], attrs: { rule: "adadelta", lr: 1, rho: 0.95, epsilon: 1e-7 },
    formula: (p, g, [a, d]) => {
      const out = O.adadeltaUpdate(p, g, { accumulatedGrad: a!, accumulatedDelta: d! }, { lr: 1, rho: 0.95, epsilon: 1e-7 });
      return [out.p, out.accumulatedGrad, out.accumulatedDelta];
    },
  },
  {
    name: "adamax", slots: [false, true], attrs: { rule: "adamax", alpha: 0.002 / (1 - 0.9 ** T), beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    formula: (p, g, [m, u]) => {
      const out = O.adamaxUpdate(p, g, { m: m!, u: u! }, { lr: 0.002, t: T, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
      return [out.p, out.m, out.u];
    },
  },
  {
    name: "nadam", slots: [false, true],
    attrs: { rule: "nadam", lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, mScale: ut1 / (1 - product * ut1), gScale: (1 - ut) / (1 - product), vDiv: 1 - 0.999 ** T },
    formula: (p, g, [m, v]) => {
      const out = O.nadamUpdate(p, g, { m: m!, v: v! }, { lr: 0.001, t: T, uProduct: product, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
      return [out.p, out.m, out.v];
    },
  },
];

function step(rule: Rule, backend: string, dtype: "float32" | "float64", useFused: boolean, shape = [37, 5]): TypedArray[] {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const p = bp.variable(bp.randn(shape, { seed: 1, dtype }));
    const g = bp.randn(shape, { seed: 2, dtype });
    const init = (kind: boolean | "small", seed: number): bp.Tensor =>
      kind === true ? bp.rand(shape, { seed, dtype }).add(0.5) : kind === "small" ? bp.randn(shape, { seed, dtype }).mul(0.1) : bp.randn(shape, { seed, dtype });
    const slots = rule.slots.map((kind, k) => bp.variable(init(kind, 10 + k)));
    if (useFused) {
      fused(p, g, slots, rule.attrs);
      return [p, ...slots].map((t) => t.dataSync());
    }
    return rule.formula(p, g, slots).map((t) => t.dataSync());
  });
}

describe.each(rules)("fused $name", (rule) => {
  test("float64 on js: the fused kernel equals the formula", () => {
    const want = step(rule, "js", "float64", false);
    const got = step(rule, "js", "float64", true);
    expect(got).toHaveLength(want.length);
    got.forEach((x, k) => expectMatch(x, want[k]!, "ulp", `float64 output ${k}`));
  });

  test.each(["js", ...VARIANTS.map((v) => v.name)])("float32 on %s: the fused kernel equals the formula", (backend) => {
    for (const shape of [[37, 5], [70001]]) {
      const want = step(rule, "js", "float32", false, shape);
      step(rule, backend, "float32", true, shape).forEach((x, k) => expectMatch(x, want[k]!, "sum", `${backend} ${shape.join("x")} output ${k}`));
    }
  });
});

describe("optimizers take the fused step", () => {
  // their trajectories (through these kernels) are checked against Keras 3's rules in test/optim/trajectories.test.ts
  const configs: [string, () => bp.optimizers.Optimizer, string][] = [
    ["sgd", () => O.sgd({ learningRate: 0.05 }), "sgd"],
    ["sgd nesterov", () => O.sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true }), "momentum"],
    ["rmsprop centered momentum", () => O.rmsprop({ learningRate: 0.01, momentum: 0.5, centered: true }), "rmsprop"],
    ["adagrad", () => O.adagrad({ learningRate: 0.1 }), "adagrad"],
    ["adadelta", () => O.adadelta({ learningRate: 1 }), "adadelta"],
    ["adamax with weight decay", () => O.adamax({ learningRate: 0.02, weightDecay: 0.01 }), "adamax"],
    ["nadam", () => O.nadam({ learningRate: 0.02 }), "nadam"],
    ["adam", () => O.adam({ learningRate: 0.02 }), "adam"],
  ];
  test.each(configs)("%s: one rule call per parameter per step", (_name, make, kernel) => {
    bp.setBackend("wasm");
    const table = backendByName("wasm").updateRules as unknown as Record<string, (...a: unknown[]) => void>;
    const original = table[kernel]!;
    let calls = 0;
    table[kernel] = (...a: unknown[]) => {
      calls++;
      original(...a);
    };
    try {
      const w = bp.variable(bp.randn([6, 3], { seed: 9 }));
      const b = bp.variable(bp.randn([3], { seed: 8 }));
      const opt = make();
      for (let i = 0; i < 5; i++) opt.minimize(() => w.sub(bp.scalar(i)).square().sum().add(b.square().sum()), [w, b]);
      expect(calls).toBe(10);
      expect(Array.from(w.dataSync()).every(Number.isFinite)).toBe(true);
    } finally {
      table[kernel] = original;
    }
  });
});

describe("bad input", () => {
  test("shared slot storage, dtype and shape mismatches, a wrong slot count, non-finite hyperparameters", () => {
    bp.setBackend("wasm");
    const p = bp.variable(bp.ones([3]));
    const g = bp.ones([3]);
    const own = (n = 3): bp.Variable => bp.variable(bp.zeros([n]));
    const m = own();
    const momentum: OptimizerUpdateAttrs = { rule: "momentum", lr: 0.1, momentum: 0.9, nesterov: false };
    expect(() => fused(p, g, [p], momentum)).toThrow(/p is updated in place, so it must be a variable whose storage nothing else shares/);
    expect(() => fused(p, g, [g], momentum)).toThrow(/velocity is updated in place/);
    const held = m.reshape([1, 3]);
    expect(() => fused(p, g, [m], momentum)).toThrow(bp.ValueError);
    held.dispose();
    expect(() => fused(p, g, [own(4)], momentum)).toThrow(/velocity shape \[4\] differs from p shape \[3\]/);
    expect(() => fused(p, g.cast("int32"), [own()], momentum)).toThrow(bp.DTypeError);
    expect(() => fused(p, g, [], momentum)).toThrow(/expected 1 slots \(velocity\), got 0/);
    expect(() => fused(p, g, [own(), own()], { rule: "rmsprop", lr: 0.1, rho: 0.9, epsilon: 1e-7, momentum: 0, centered: false })).toThrow(/expected 1 slots/);
    expect(() => fused(p, g, [own()], { ...momentum, lr: NaN })).toThrow(/lr must be a finite number/);
    expect(() => fused(p, g, [], { rule: "lion" } as unknown as OptimizerUpdateAttrs)).toThrow(/has no such rule/);
    expect(Array.from(p.dataSync())).toEqual([1, 1, 1]);
  });
});
