/**
 * Optimizer trajectories of nn.json (Keras 3 update rules evaluated by PyTorch in float64): five
 * steps on loss(w, b) = Σ c1·w² + Σ c2·sin(b), checking the learning rate each step uses, the loss
 * and gradients before it, the clipped gradients, and the parameters after it.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import {
  expectClose,
  expectNear,
  fromFixture,
  nn,
  type FloatDType,
  type Tolerance,
} from "../losses/nn-fixtures.js";

const { problem, trajectories } = nn.optimizers;

function setup(dtype: FloatDType) {
  const c1 = fromFixture(problem.c1, dtype);
  const c2 = fromFixture(problem.c2, dtype);
  const w = bp.variable(fromFixture(problem.w0, dtype), { name: "w" });
  const b = bp.variable(fromFixture(problem.b0, dtype), { name: "b" });
  const loss = () => c1.mul(w.square()).sum().add(c2.mul(b.sin()).sum());
  return { w, b, loss };
}

const runs: [FloatDType, Tolerance][] = [
  ["float64", { rtol: 1e-9, atol: 1e-11 }],
  ["float32", { rtol: 2e-4, atol: 2e-5 }],
];

describe.each(runs)("optimizer trajectories in %s", (dtype, tol) => {
  test.each(trajectories.map((t) => [t.name, t] as const))("%s", (_name, traj) => {
    const { w, b, loss } = setup(dtype);
    const opt = bp.optimizers.optimizerFromConfig(traj.optimizer, traj.config);
    for (const step of traj.steps) {
      const at = `step ${step.step}`;
      expect(opt.iterations).toBe(step.step - 1);
      expectNear(
        opt.currentLearningRate(),
        step.learningRate,
        { rtol: 1e-12, atol: 0 },
        `${at} learning rate`,
      );
      const { grads } = bp.valueAndGrads(loss, [w, b]);
      grads.forEach((g, i) => expectClose(g, step.grads[i]!, tol, `${at} grad ${i}`));
      if (step.clippedGrads) {
        const clipped =
          opt.clipNorm !== undefined
            ? grads.map((g) => bp.optimizers.clipByNorm(g, opt.clipNorm!))
            : opt.globalClipNorm !== undefined
              ? bp.optimizers.clipByGlobalNorm(grads, opt.globalClipNorm)
              : grads.map((g) => bp.optimizers.clipByValue(g, opt.clipValue!));
        clipped.forEach((g, i) => expectClose(g, step.clippedGrads![i]!, tol, `${at} clipped grad ${i}`));
      }
      expectNear(opt.minimize(loss, [w, b]), step.loss, tol, `${at} loss`);
      expectClose(w, step.params[0]!, tol, `${at} w`);
      expectClose(b, step.params[1]!, tol, `${at} b`);
    }
    expectNear(loss().item(), traj.finalLoss, tol, "final loss");
  });
});

test.each(trajectories.map((t) => [t.name, t] as const))(
  "%s: minimize without a variable list finds w and b",
  (_name, traj) => {
    const { w, b, loss } = setup("float64");
    const opt = bp.optimizers.optimizerFromConfig(traj.optimizer, traj.config);
    for (let i = 0; i < traj.steps.length; i++) opt.minimize(loss);
    const last = traj.steps[traj.steps.length - 1]!;
    expectClose(w, last.params[0]!, { rtol: 1e-9, atol: 1e-11 }, "w");
    expectClose(b, last.params[1]!, { rtol: 1e-9, atol: 1e-11 }, "b");
  },
);

test.each(trajectories.map((t) => [t.name, t] as const))(
  "%s: getConfig gives back the fixture's config",
  (_name, traj) => {
    const opt = bp.optimizers.optimizerFromConfig(traj.optimizer, traj.config);
    const config = opt.getConfig();
    for (const [k, v] of Object.entries(traj.config)) expect(config[k], k).toEqual(v);
  },
);

test("the fixture covers every optimizer and option the issue names", () => {
  const names = new Set(trajectories.map((t) => t.optimizer));
  expect(bp.optimizers.optimizerNames.filter((n) => !names.has(n))).toEqual([]);
  const has = (pred: (c: Record<string, unknown>) => boolean) => trajectories.some((t) => pred(t.config));
  expect(has((c) => c.nesterov === true)).toBe(true);
  expect(has((c) => c.centered === true && (c.momentum as number) > 0)).toBe(true);
  expect(has((c) => c.amsgrad === true)).toBe(true);
  expect(has((c) => c.clipNorm !== undefined)).toBe(true);
  expect(has((c) => c.clipValue !== undefined)).toBe(true);
  expect(has((c) => c.globalClipNorm !== undefined && (c.momentum as number) > 0)).toBe(true);
  expect(has((c) => c.globalClipNorm !== undefined && c.weightDecay !== undefined)).toBe(true);
  const schedule = (t: (typeof trajectories)[number]) =>
    (t.config.learningRate as { schedule?: string }).schedule;
  for (const s of [
    "exponentialDecay",
    "stepDecay",
    "cosineDecay",
    "inverseTimeDecay",
    "polynomialDecay",
    "piecewiseConstantDecay",
  ]) {
    expect(
      trajectories.some((t) => schedule(t) === s),
      s,
    ).toBe(true);
  }
  // decoupled weight decay beyond adamw, and a schedule driving nadam's momentum-cache rule
  for (const o of ["sgd", "adam"]) {
    expect(
      trajectories.some((t) => t.optimizer === o && t.config.weightDecay !== undefined),
      o,
    ).toBe(true);
  }
  expect(trajectories.some((t) => t.optimizer === "nadam" && schedule(t) !== undefined)).toBe(true);
});

test("the clipping trajectories clip: a clipped gradient differs from the raw one at the first step", () => {
  for (const t of trajectories.filter((t) => t.steps[0]!.clippedGrads !== undefined)) {
    const s = t.steps[0]!;
    expect(
      s.grads.some((g, i) => g.data.some((v, j) => v !== s.clippedGrads![i]!.data[j])),
      t.name,
    ).toBe(true);
  }
});
