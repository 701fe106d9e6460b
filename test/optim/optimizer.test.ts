/**
 * The optimizer API: names and defaults, bad hyperparameters, applyGradients / minimize contracts,
 * flat memory, convergence on a quadratic, config and state round trips (save / resume).
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

const names = ["sgd", "adagrad", "rmsprop", "adam", "adamw", "adamax", "nadam", "adadelta"] as const;
type Name = (typeof names)[number];
const make = (name: Name, options: Record<string, unknown> = {}): bp.Optimizer =>
  (bp.optimizers as unknown as Record<Name, (o: object) => bp.Optimizer>)[name](options);

describe("names and defaults", () => {
  test("every name of the issue is a factory, a string for compile, and a Keras class name", () => {
    expect([...bp.optimizers.optimizerNames].sort()).toEqual([...names].sort());
    const classNames = {
      sgd: "SGD",
      adagrad: "Adagrad",
      rmsprop: "RMSprop",
      adam: "Adam",
      adamw: "AdamW",
      adamax: "Adamax",
      nadam: "Nadam",
      adadelta: "Adadelta",
    };
    for (const n of names) {
      expect(make(n).className).toBe(classNames[n]);
      expect(bp.optimizers.getOptimizer(n).className).toBe(classNames[n]);
      expect(bp.optimizers.getOptimizer(classNames[n].toUpperCase()).className).toBe(classNames[n]);
    }
  });

  test("string defaults are TensorFlow.js's compile defaults (Keras 3's for adamw, nadam)", () => {
    const lr = Object.fromEntries(names.map((n) => [n, bp.optimizers.getOptimizer(n).currentLearningRate()]));
    expect(lr).toEqual({
      sgd: 0.01,
      adagrad: 0.01,
      rmsprop: 0.001,
      adam: 0.001,
      adamw: 0.001,
      adamax: 0.002,
      nadam: 0.001,
      adadelta: 1,
    });
    expect(bp.optimizers.adam().getConfig()).toEqual({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    expect(bp.optimizers.adamw().getConfig()).toMatchObject({ weightDecay: 0.004 });
    expect(bp.optimizers.rmsprop().getConfig()).toEqual({
      learningRate: 0.001,
      rho: 0.9,
      momentum: 0,
      epsilon: 1e-7,
      centered: false,
    });
    expect(bp.optimizers.adagrad().getConfig()).toEqual({
      learningRate: 0.01,
      initialAccumulatorValue: 0.1,
      epsilon: 1e-7,
    });
    expect(bp.optimizers.adadelta().getConfig()).toEqual({ learningRate: 1, rho: 0.95, epsilon: 1e-7 });
  });

  test("getOptimizer passes an instance through", () => {
    const opt = bp.optimizers.sgd({ learningRate: 0.5 });
    expect(bp.optimizers.getOptimizer(opt)).toBe(opt);
  });

  test("an unknown name is a NotFoundError listing the valid names", () => {
    expect(() => bp.optimizers.getOptimizer("adamm")).toThrow(bp.NotFoundError);
    expect(() => bp.optimizers.getOptimizer("adamm")).toThrow(
      'unknown optimizer "adamm" (did you mean "adam" or "adamw"?); valid names: sgd, adagrad, rmsprop, adam, adamw, adamax, nadam, adadelta',
    );
    expect(() => bp.optimizers.optimizerFromConfig("Lion", {})).toThrow(bp.NotFoundError);
  });
});

describe("bad hyperparameters are ValueErrors naming the optimizer, the key and the value", () => {
  test.each([
    [
      "sgd",
      { learningRate: -0.1 },
      /SGD: learningRate must be a non-negative number or a schedule, got -0.1/,
    ],
    ["adam", { learningRate: NaN }, /Adam: learningRate .* got NaN/],
    ["adam", { learningRate: Infinity }, /Adam: learningRate .* got Infinity/],
    ["adam", { learningRate: "0.1" }, /Adam: learningRate .* got "0.1"/],
    ["adam", { beta1: 1 }, /Adam: beta1 must be a number in \[0, 1\), got 1/],
    ["adam", { beta1: -0.1 }, /Adam: beta1 must be a number in \[0, 1\), got -0.1/],
    ["adamw", { beta2: 1.5 }, /AdamW: beta2 must be a number in \[0, 1\), got 1.5/],
    ["nadam", { beta1: NaN }, /Nadam: beta1 .* got NaN/],
    ["adamax", { epsilon: -1 }, /Adamax: epsilon must be a non-negative number, got -1/],
    ["sgd", { momentum: 1.5 }, /SGD: momentum must be a number in \[0, 1\], got 1.5/],
    ["sgd", { nesterov: "yes" }, /SGD: nesterov must be a boolean, got "yes"/],
    ["rmsprop", { rho: -0.5 }, /RMSprop: rho must be a number in \[0, 1\], got -0.5/],
    [
      "adagrad",
      { initialAccumulatorValue: -1 },
      /Adagrad: initialAccumulatorValue must be a non-negative number, got -1/,
    ],
    ["adadelta", { rho: 2 }, /Adadelta: rho must be a number in \[0, 1\], got 2/],
    ["adamw", { weightDecay: -0.01 }, /AdamW: weightDecay must be a non-negative number, got -0.01/],
    ["adam", { clipNorm: 0 }, /Adam: clipNorm must be a positive number, got 0/],
    ["sgd", { clipValue: -1 }, /SGD: clipValue must be a positive number, got -1/],
    [
      "sgd",
      { clipNorm: 1, clipValue: 1 },
      /SGD: set only one of clipNorm, globalClipNorm, clipValue; got clipNorm and clipValue/,
    ],
    ["adam", { lr: 0.1 }, /Adam: unknown option "lr"; valid options: learningRate, clipNorm/],
    ["adam", { beta_1: 0.9 }, /Adam: unknown option "beta_1"/],
  ] as [Name, Record<string, unknown>, RegExp][])("%s(%o)", (name, options, message) => {
    expect(() => make(name, options)).toThrow(bp.ValueError);
    expect(() => make(name, options)).toThrow(message);
  });

  test("setting learningRate validates it; a schedule that gives a bad value fails at the step", () => {
    const opt = bp.optimizers.sgd({ learningRate: 0.1 });
    expect(() => (opt.learningRate = -1)).toThrow(bp.ValueError);
    opt.learningRate = 0.5;
    expect(opt.currentLearningRate()).toBe(0.5);
    opt.learningRate = (step: number) => (step < 1 ? 0.1 : NaN);
    const w = bp.variable(bp.tensor([1, 2]));
    opt.minimize(() => w.square().sum(), [w]);
    expect(() => opt.minimize(() => w.square().sum(), [w])).toThrow(
      /learning-rate schedule gave NaN at step 1/,
    );
  });
});

describe("applyGradients and minimize", () => {
  test("missing gradients are skipped; none at all leaves iterations unchanged", () => {
    const opt = bp.optimizers.sgd({ learningRate: 0.5 });
    const w = bp.variable(bp.tensor([1, 2]));
    const v = bp.variable(bp.tensor([3]));
    opt.applyGradients([{ variable: w, grad: null }]);
    expect(opt.iterations).toBe(0);
    opt.applyGradients([
      { variable: w, grad: bp.tensor([2, 2]) },
      { variable: v, grad: undefined },
    ]);
    expect(opt.iterations).toBe(1);
    expect(w.toArray()).toEqual([0, 1]);
    expect(v.toArray()).toEqual([3]);
  });

  test("bad pairs are errors naming the variable and shapes", () => {
    const opt = bp.optimizers.adam();
    const w = bp.variable(bp.tensor([1, 2]), { name: "w" });
    expect(() => opt.applyGradients([{ variable: w, grad: bp.tensor([1, 2, 3]) }])).toThrow(bp.ShapeError);
    expect(() => opt.applyGradients([{ variable: w, grad: bp.tensor([1, 2, 3]) }])).toThrow(
      'gradient shape [3] differs from variable "w" shape [2]',
    );
    const twice = [
      { variable: w, grad: bp.tensor([1, 2]) },
      { variable: w, grad: bp.tensor([1, 2]) },
    ];
    expect(() => opt.applyGradients(twice)).toThrow('variable "w" appears twice');
    expect(() =>
      opt.applyGradients([{ variable: bp.tensor([1]) as bp.Variable, grad: bp.tensor([1]) }]),
    ).toThrow(bp.ValueError);
    expect(opt.iterations).toBe(0);
  });

  test("minimize rejects non-scalar losses, losses without trainable variables, and non-Variables", () => {
    const opt = bp.optimizers.sgd();
    const w = bp.variable(bp.tensor([1, 2]));
    expect(() => opt.minimize(() => w.square(), [w])).toThrow(bp.ShapeError);
    expect(() => opt.minimize(() => bp.tensor([1, 2]).sum())).toThrow(
      /does not depend on any trainable variable/,
    );
    expect(() => opt.minimize(() => w.sum(), [bp.tensor([1]) as bp.Variable])).toThrow(
      /vars must be an array of Variables/,
    );
    const frozen = bp.variable(bp.tensor([5]), { trainable: false });
    const before = frozen.toArray();
    opt.minimize(() => w.sum().add(frozen.sum()));
    expect(frozen.toArray()).toEqual(before);
  });

  test.each(names)("%s converges on a quadratic", (name) => {
    const target = bp.tensor([3, -1, 0.5]);
    const w = bp.variable(bp.zeros([3]));
    const lr = {
      sgd: 0.1,
      adagrad: 0.5,
      rmsprop: 0.02,
      adam: 0.1,
      adamw: 0.1,
      adamax: 0.1,
      nadam: 0.1,
      adadelta: 1,
    }[name];
    // adamw without decay reaches the target itself; adadelta's first steps are ~√ε, so a larger ε
    const extra = { adamw: { weightDecay: 0 }, adadelta: { epsilon: 1e-4 } } as Record<string, object>;
    const opt = make(name, { learningRate: lr, ...extra[name] });
    const loss = () => w.sub(target).square().sum();
    const first = opt.minimize(loss, [w]);
    let last = first;
    for (let i = 0; i < 300; i++) last = opt.minimize(loss, [w]);
    expect(last).toBeLessThan(first * 1e-3);
    expect(opt.iterations).toBe(301);
  });

  test.each(names)("%s keeps memory flat over 50 steps", (name) => {
    const w = bp.variable(bp.randn([4, 3], { seed: 1 }));
    const b = bp.variable(bp.zeros([3]));
    const x = bp.randn([8, 4], { seed: 2 });
    const opt = make(name, { learningRate: 0.01, clipNorm: 1 });
    const loss = () => x.matmul(w).add(b).tanh().square().mean();
    opt.minimize(loss, [w, b]); // creates the slots
    const before = bp.memory();
    for (let i = 0; i < 50; i++) opt.minimize(loss, [w, b]);
    opt.applyGradients([{ variable: w, grad: bp.onesLike(w) }]);
    const after = bp.memory();
    expect(after.numTensors).toBe(before.numTensors + 1); // the onesLike gradient made outside any scope
    expect(after.numBytes).toBe(before.numBytes + 4 * 12);
  });
});

describe("clipping and weight decay", () => {
  test("globalClipNorm rescales all gradients together to the given joint norm", () => {
    const grads = [bp.tensor([3, 0]), bp.tensor([[0, 4]])];
    const clipped = bp.optimizers.clipByGlobalNorm(grads, 1);
    const norm = Math.sqrt(clipped.reduce((s, g) => s + g.square().sum().item(), 0));
    expect(norm).toBeCloseTo(1, 6);
    expect(clipped[0]!.dataSync()[0]! / 3).toBeCloseTo(clipped[1]!.dataSync()[1]! / 4, 7); // one common factor
    const small = bp.optimizers.clipByGlobalNorm(grads, 10);
    expect(small.map((g) => g.toArray())).toEqual(grads.map((g) => g.toArray()));
  });

  test("globalClipNorm on an optimizer: an SGD step moves the parameters by lr · clip in norm", () => {
    const w = bp.variable(bp.tensor([0, 0], [2], "float64"));
    const v = bp.variable(bp.tensor([0], [1], "float64"));
    const opt = bp.optimizers.sgd({ learningRate: 0.5, globalClipNorm: 2 });
    opt.applyGradients([
      { variable: w, grad: bp.tensor([30, 0], [2], "float64") },
      { variable: v, grad: bp.tensor([40], [1], "float64") },
    ]);
    expect(Math.hypot(...w.dataSync(), ...v.dataSync())).toBeCloseTo(0.5 * 2, 12);
  });

  test("weightDecay on any optimizer is decoupled: SGD gives p − lr·wd·p − lr·g", () => {
    const p0 = bp.tensor([1, -2, 4], [3], "float64");
    const g = bp.tensor([0.5, 0.25, -1], [3], "float64");
    const w = bp.variable(p0);
    bp.optimizers.sgd({ learningRate: 0.1, weightDecay: 0.2 }).applyGradients([{ variable: w, grad: g }]);
    const expected = p0.sub(p0.mul(0.1 * 0.2)).sub(g.mul(0.1));
    expect(Array.from(w.dataSync())).toEqual(Array.from(expected.dataSync()));
  });
});

describe("save and resume", () => {
  const configs: [Name, Record<string, unknown>][] = [
    ["sgd", { learningRate: 0.1, momentum: 0.9, nesterov: true }],
    ["adagrad", { learningRate: 0.1 }],
    ["rmsprop", { learningRate: 0.01, momentum: 0.5, centered: true }],
    ["adam", { learningRate: 0.05, amsgrad: true, clipValue: 0.5 }],
    [
      "adamw",
      {
        learningRate: bp.schedules.cosineDecay({
          initialLearningRate: 0.1,
          decaySteps: 4,
          warmupTarget: 0.2,
          warmupSteps: 2,
        }),
      },
    ],
    ["adamax", { learningRate: 0.05 }],
    [
      "nadam",
      {
        learningRate: bp.schedules.exponentialDecay({
          initialLearningRate: 0.1,
          decaySteps: 2,
          decayRate: 0.5,
        }),
      },
    ],
    ["adadelta", { learningRate: 1 }],
  ];

  test.each(configs)(
    "%s: a rebuilt optimizer with the saved state continues bit-identically",
    (name, options) => {
      const loss = (w: bp.Variable) => () =>
        w
          .sub(bp.tensor([1, -2, 3]))
          .square()
          .sum()
          .add(w.sin().sum());
      const w1 = bp.variable(bp.tensor([0.3, 0.1, -0.2]), { name: "dense/kernel" });
      const opt1 = make(name, options);
      for (let i = 0; i < 3; i++) opt1.minimize(loss(w1), [w1]);

      const config = JSON.parse(JSON.stringify(opt1.getConfig())) as Record<string, unknown>;
      const state = opt1.getState();
      expect(state.map((s) => s.name)[0]).toBe("iterations");
      expect(state.every((s) => s.name === "iterations" || s.name.startsWith("dense/kernel/"))).toBe(true);
      const w2 = bp.variable(w1, { name: "dense/kernel" });
      const opt2 = bp.optimizers.optimizerFromConfig(opt1.className, config);
      opt2.setState(state);
      expect(opt2.iterations).toBe(3);
      expect(opt2.getConfig()).toEqual(opt1.getConfig());

      for (let i = 0; i < 3; i++) {
        expect(opt2.minimize(loss(w2), [w2])).toBe(opt1.minimize(loss(w1), [w1]));
        expect(Array.from(w2.dataSync())).toEqual(Array.from(w1.dataSync()));
      }
    },
  );

  test("setState checks names and shapes; getState returns copies", () => {
    const w = bp.variable(bp.tensor([1, 2]), { name: "w" });
    const opt = bp.optimizers.adam({ learningRate: 0.1 });
    opt.minimize(() => w.square().sum(), [w]);
    const state = opt.getState();
    state.forEach((s) => s.value.dispose());
    expect(opt.getState().length).toBe(3);
    expect(() => opt.setState([{ name: "w/m", value: bp.tensor([1, 2, 3]) }])).toThrow(bp.ShapeError);
    expect(() => opt.setState([{ name: "iterations", value: bp.scalar(-1) }])).toThrow(bp.ValueError);
    expect(() => opt.setState([{ name: "w/m" } as never])).toThrow(bp.ValueError);
  });

  test("dispose frees the slots", () => {
    const w = bp.variable(bp.tensor([1, 2]), { name: "w" });
    const opt = bp.optimizers.adam({ learningRate: 0.1, amsgrad: true });
    const before = bp.memory().numTensors;
    opt.minimize(() => w.square().sum(), [w]);
    expect(bp.memory().numTensors).toBe(before + 3);
    opt.dispose();
    expect(bp.memory().numTensors).toBe(before);
    expect(opt.getState().map((s) => s.name)).toEqual(["iterations"]);
  });

  test("a custom learning-rate function cannot be saved", () => {
    const opt = bp.optimizers.sgd({ learningRate: (step) => 0.1 / (1 + step) });
    expect(() => opt.getConfig()).toThrow(/custom learning-rate function cannot be saved/);
  });
});

test("a user-defined optimizer extends bp.Optimizer and gets clipping, schedules and state for free", () => {
  /** signSGD: p ← p − lr·sign(g), with a step counter slot to show slot handling. */
  class SignSGD extends bp.Optimizer<"count"> {
    static override className = "SignSGD";
    protected readonly slotNames = ["count"] as const;
    constructor(options: bp.OptimizerOptions = {}) {
      super(options, { learningRate: 0.1 }, []);
    }
    protected update(p: bp.Tensor, g: bp.Tensor, s: { count: bp.Tensor }, { lr }: { lr: number }) {
      return { p: p.sub(g.sign().mul(lr)), slots: { count: s.count.add(1) } };
    }
    protected hyperparameters() {
      return {};
    }
  }
  const w = bp.variable(bp.tensor([1, -1]), { name: "w" });
  const opt = new SignSGD({
    learningRate: bp.schedules.stepDecay({ initialLearningRate: 0.5, dropEvery: 1, factor: 0.5 }),
  });
  opt.minimize(() => w.mul(bp.tensor([3, 2])).sum(), [w]);
  opt.minimize(() => w.mul(bp.tensor([3, 2])).sum(), [w]);
  expect(w.toArray()).toEqual([1 - 0.5 - 0.25, -1 - 0.5 - 0.25]);
  expect(opt.getState().map((s) => [s.name, s.value.toArray()])).toEqual([
    ["iterations", 2],
    ["w/count", [2, 2]],
  ]);
  expect(opt.getConfig()).toEqual({
    learningRate: { schedule: "stepDecay", initialLearningRate: 0.5, dropEvery: 1, factor: 0.5 },
  });
});
