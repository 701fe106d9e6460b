/**
 * The backends' update rules run in place: a parameter keeps its storage across optimizer steps and
 * fit epochs (captured steps rely on it), and a backend without rules gets the formula with ops.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createJsBackend } from "../../src/backend/js/index.js";
import { backendByName } from "../../src/tensor/engine.js";
import { StepAttrs, type StepInfo } from "../../src/optim/fused.js";

const O = bp.optimizers;
const makers: [string, () => bp.Optimizer][] = [
  ["adam", () => O.adam({ learningRate: 0.01 })],
  ["adamw", () => O.adamw({ learningRate: 0.01 })],
  ["sgd momentum", () => O.sgd({ learningRate: 0.01, momentum: 0.9 })],
  ["rmsprop centered", () => O.rmsprop({ learningRate: 0.01, centered: true, momentum: 0.5 })],
  ["nadam", () => O.nadam({ learningRate: 0.01 })],
];

describe.each(["js", "wasm"])("on %s", (backend) => {
  test.each(makers)(
    "%s: the parameter's storage object is the same before and after fused steps",
    (_name, make) => {
      bp.setBackend(backend);
      const w = bp.variable(bp.randn([20, 5], { seed: 1 }));
      const before = w.storage;
      const first = Array.from(w.dataSync());
      const opt = make();
      for (let i = 0; i < 3; i++) opt.minimize(() => w.sub(1).square().sum(), [w]);
      expect(w.storage).toBe(before);
      expect(Array.from(w.dataSync())).not.toEqual(first);
      opt.dispose();
      w.dispose();
    },
  );

  test("fit keeps every weight's storage over two epochs", async () => {
    bp.setBackend(backend);
    const model = bp.sequential([
      bp.layers.dense({ units: 8, activation: "relu", inputShape: [4] }),
      bp.layers.dense({ units: 1 }),
    ]);
    model.compile({ optimizer: "adam", loss: "meanSquaredError" });
    const x = bp.randn([32, 4], { seed: 3 });
    const y = bp.randn([32, 1], { seed: 4 });
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const storages = model.trainableWeights.map((v) => v.storage);
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(model.trainableWeights.map((v) => v.storage)).toEqual(storages);
    model.trainableWeights.forEach((v, i) => expect(v.storage).toBe(storages[i]));
  });
});

test("a backend without update rules falls back to each optimizer's formula with ops", () => {
  bp.registerBackend("js-no-rules", () => ({
    ...createJsBackend(),
    name: "js-no-rules",
    updateRules: undefined,
  }));
  const run = (backend: string, make: () => bp.Optimizer): number[] => {
    bp.setBackend(backend);
    const w = bp.variable(bp.randn([6, 3], { seed: 9 }));
    const opt = make();
    for (let i = 0; i < 4; i++) opt.minimize(() => w.sub(bp.scalar(i)).square().sum(), [w]);
    return Array.from(w.dataSync());
  };
  // the formula by hand with ops on the js backend: Adam without the fused path is amsgrad's formula minus the max
  const byHand = (): number[] => {
    bp.setBackend("js");
    const w = bp.variable(bp.randn([6, 3], { seed: 9 }));
    let m = bp.zerosLike(w);
    let v = bp.zerosLike(w);
    for (let i = 0; i < 4; i++) {
      const g = bp.grads((t) => t.sub(bp.scalar(i)).square().sum())([w])[0]!;
      const out = O.adamUpdate(
        w,
        g,
        { m, v },
        { lr: 0.01, t: i + 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      );
      w.assign(out.p);
      [m, v] = [out.m, out.v];
    }
    return Array.from(w.dataSync());
  };
  const rules = backendByName("js").updateRules as unknown as Record<string, (...a: unknown[]) => void>;
  const original = rules["adam"]!;
  let calls = 0;
  rules["adam"] = (...a: unknown[]) => {
    calls++;
    original(...a);
  };
  try {
    const without = run("js-no-rules", () => O.adam({ learningRate: 0.01 }));
    expect(calls).toBe(0);
    expect(without).toEqual(byHand());
    const withRules = run("js", () => O.adam({ learningRate: 0.01 }));
    expect(calls).toBe(4);
    withRules.forEach((x, i) => expect(x).toBeCloseTo(without[i]!, 5));
  } finally {
    rules["adam"] = original;
    bp.setBackend("js");
  }
});

test("a rule's attributes are made once per step and shared by the step's parameters, afresh for each step", () => {
  const memo = new StepAttrs();
  let made = 0;
  const attrs = (s: StepInfo) => {
    made++;
    return { lr: s.lr };
  };
  const first: StepInfo = { lr: 0.1, t: 1 };
  const a = memo.of("sgd", first, attrs);
  expect(memo.of("sgd", first, attrs)).toBe(a);
  expect(a).toEqual({ lr: 0.1, flush: false });
  expect(made).toBe(1);
  // a new step object (a replayed step's), even one with the same values, makes them afresh
  const next: StepInfo = { lr: 0.05, t: 16 };
  expect(memo.of("sgd", next, attrs)).toEqual({ lr: 0.05, flush: true });
  expect(memo.of("sgd", { ...next }, attrs)).not.toBe(memo.of("sgd", next, attrs));
  expect(made).toBe(4);
  // another rule in the same step too
  memo.of("momentum", next, (s) => ({ lr: s.lr, momentum: 0.9, nesterov: false }));
  expect(memo.of("momentum", next, attrs as never)).toEqual({ lr: 0.05, momentum: 0.9, nesterov: false, flush: true });
});
