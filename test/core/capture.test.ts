/**
 * Captured steps (bp.compileStep, and fit / evaluate / predict through it): replayed training gives
 * the eager run's weights and losses bit for bit — dense and convolutional models, every optimizer
 * rule kind, schedules, dropout, batch normalization, L2, sample weights, a last partial batch, on
 * both backends — and the programs really replay; callbacks that change the model or the learning
 * rate mid-fit, values read back during a step and values that change between steps are handled;
 * memory is released with the fit; bad arguments are BackpropErrors.
 */
import { afterEach, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { captureStats } from "../../src/tensor/compile-step.js";
import { settle } from "../gc.js";

const L = bp.layers;
afterEach(() => bp.setCapture(true));

interface Recipe {
  name: string;
  model: () => bp.Sequential;
  optimizer: () => bp.Optimizer;
  /** [n, ...sample shape] of x. */
  input: number[];
  sampleWeight?: boolean;
}

function dense(extra: boolean): bp.Sequential {
  return bp.sequential([
    L.dense({
      units: 16,
      activation: "relu",
      inputShape: [8],
      ...(extra ? { kernelRegularizer: bp.regularizers.l2({ l2: 0.01 }) } : {}),
    }),
    ...(extra ? [L.dropout({ rate: 0.3 }), L.batchNormalization()] : []),
    L.dense({ units: 3, activation: "softmax" }),
  ]);
}

function cnn(): bp.Sequential {
  return bp.sequential([
    L.conv2d({ filters: 4, kernelSize: 3, activation: "relu", inputShape: [8, 8, 1] }),
    L.maxPooling2d({ poolSize: 2 }),
    L.batchNormalization(),
    L.flatten(),
    L.dropout({ rate: 0.2 }),
    L.dense({ units: 3, activation: "softmax" }),
  ]);
}

const O = bp.optimizers;
const recipes: Recipe[] = [
  {
    name: "dense, adam",
    model: () => dense(false),
    optimizer: () => O.adam({ learningRate: 0.01 }),
    input: [90, 8],
  },
  {
    name: "dense + L2 + dropout + batch norm, adamw",
    model: () => dense(true),
    optimizer: () => O.adamw({ learningRate: 0.01 }),
    input: [90, 8],
    sampleWeight: true,
  },
  {
    name: "dense, sgd momentum with a cosine schedule",
    model: () => dense(true),
    input: [90, 8],
    optimizer: () =>
      O.sgd({
        momentum: 0.9,
        learningRate: bp.schedules.cosineDecay({ initialLearningRate: 0.1, decaySteps: 20 }),
      }),
  },
  {
    name: "dense, rmsprop centered",
    model: () => dense(false),
    optimizer: () => O.rmsprop({ centered: true, momentum: 0.5 }),
    input: [90, 8],
  },
  {
    name: "dense, nadam",
    model: () => dense(true),
    optimizer: () => O.nadam({ learningRate: 0.01 }),
    input: [90, 8],
  },
  {
    name: "cnn, adam",
    model: cnn,
    optimizer: () => O.adam({ learningRate: 0.01 }),
    input: [80, 8, 8, 1],
    sampleWeight: true,
  },
];

function data(shape: number[]): { x: bp.Tensor; y: bp.Tensor; sw: bp.Tensor } {
  const n = shape[0]!;
  const x = bp.randn(shape, { seed: 1 });
  const y = bp.oneHot(
    bp.tensor(
      Array.from({ length: n }, (_, i) => (i * 7) % 3),
      [n],
      "int32",
    ),
    3,
  );
  const sw = bp.rand([n], { seed: 2 }).add(0.5);
  return { x, y, sw };
}

interface Run {
  weights: number[];
  history: string;
  evaluated: number[];
  predicted: number[];
}

/** fit (batches of 16: the last one partial), then evaluate and predict, with capture on or off. */
async function run(
  r: Recipe,
  capture: boolean,
  fitArgs: (model: bp.Sequential) => bp.FitArgs = () => ({}),
): Promise<Run> {
  bp.setSeed(5);
  bp.setCapture(capture);
  const model = r.model();
  model.compile({ optimizer: r.optimizer(), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const { x, y, sw } = data(r.input);
  const h = await model.fit(x, y, {
    epochs: 3,
    batchSize: 16,
    verbose: 0,
    seed: 3,
    validationSplit: 0.2,
    ...(r.sampleWeight ? { sampleWeight: sw } : {}),
    ...fitArgs(model),
  });
  const evaluated = model.evaluate(x, y, { batchSize: 16 }) as unknown as Record<string, number> | number[];
  const predicted = Array.from(model.predict(x, { batchSize: 8 }).dataSync());
  return {
    weights: model.weights.flatMap((v) => Array.from(v.dataSync())),
    history: JSON.stringify(h.history),
    evaluated: Object.values(evaluated),
    predicted,
  };
}

function expectSame(a: Run, b: Run): void {
  expect(b.history).toBe(a.history);
  expect(b.weights.length).toBe(a.weights.length);
  expect(b.weights.every((v, i) => Object.is(v, a.weights[i]))).toBe(true);
  expect(b.evaluated).toEqual(a.evaluated);
  expect(b.predicted.every((v, i) => Object.is(v, a.predicted[i]))).toBe(true);
}

describe.each(["js", "wasm"])("on %s", (backend) => {
  test.each(recipes)(
    "$name: replayed fit, evaluate and predict equal eager ones bit for bit",
    async (r) => {
      bp.setBackend(backend);
      const eager = await run(r, false);
      const before = captureStats.replayed;
      const given = captureStats.gaveUp.length;
      const replayed = await run(r, true);
      expect(captureStats.gaveUp.slice(given)).toEqual([]);
      // 3 epochs of 5 batches: from the 4th batch on, the training step replays (12 batches); evaluate and predict too
      expect(captureStats.replayed - before).toBeGreaterThan(12);
      expectSame(eager, replayed);
    },
    60_000,
  );

  test("a callback that changes the learning rate and what is trainable mid-fit", async () => {
    bp.setBackend(backend);
    const r = recipes[1]!;
    const callbacks = (model: bp.Sequential): bp.FitArgs => ({
      callbacks: [
        {
          onBatchEnd: (batch: number) => {
            if (batch === 3) model.setLearningRate(0.002);
          },
          onEpochEnd: (epoch: number) => {
            if (epoch === 0) model.layers[0]!.trainable = false;
          },
        },
      ],
    });
    const eager = await run(r, false, callbacks);
    const given = captureStats.gaveUp.length;
    const replayed = await run(r, true, callbacks);
    expect(captureStats.gaveUp.slice(given)).toEqual([]);
    expectSame(eager, replayed);
  }, 60_000);
});

test("memory is released with the fit: no tensor or byte more than before", async () => {
  bp.setBackend("wasm");
  const model = dense(true);
  model.compile({ optimizer: O.adam(), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const { x, y } = data([90, 8]);
  const fit = (): Promise<unknown> =>
    model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, validationSplit: 0.2 });
  await fit();
  // tensors that earlier tests dropped count until the collector finds them, which may be during the
  // fits below (the count then fell, 681 to 49, in about one run in four)
  await settle(() => bp.memory().numTensors);
  const before = bp.memory();
  const replays = captureStats.replayed;
  for (let i = 0; i < 3; i++) await fit();
  // each fit: 8 full training batches, the first three eager or recording
  expect(captureStats.replayed - replays).toBeGreaterThanOrEqual(15);
  const after = bp.memory();
  expect(after.numTensors).toBe(before.numTensors);
  expect(after.numBytes).toBe(before.numBytes);
});

describe("compileStep in a hand-written loop", () => {
  const loop = (
    capture: boolean,
    body: (w: bp.Variable, opt: bp.Optimizer, x: bp.Tensor, i: number) => void,
  ): { w: number[]; modes: string[] } => {
    bp.setBackend("wasm");
    bp.setCapture(capture);
    const w = bp.variable(bp.randn([5, 2], { seed: 4 }));
    const opt = O.adam({ learningRate: 0.05 });
    const modes: string[] = [];
    const step = bp.compileStep((x: bp.Tensor) => body(w, opt, x, modes.length));
    for (let i = 0; i < 8; i++) {
      bp.tidy(() => step(bp.randn([4, 5], { seed: 10 + i })));
      modes.push(step.mode);
    }
    step.dispose();
    return { w: Array.from(w.dataSync()), modes };
  };

  test("replays from the fourth call and equals the eager loop bit for bit", () => {
    const body = (w: bp.Variable, opt: bp.Optimizer, x: bp.Tensor): void => {
      const [g] = bp.grads((v) => x.matmul(v).sub(1).square().mean())([w]);
      opt.applyGradients([{ variable: w, grad: g! }]);
    };
    const eager = loop(false, body);
    const captured = loop(true, body);
    expect(captured.modes).toEqual([
      "eager",
      "recorded",
      "recorded",
      "replayed",
      "replayed",
      "replayed",
      "replayed",
      "replayed",
    ]);
    expect(captured.w).toEqual(eager.w);
  });

  test("a step that reads a value back, or uses a number that changes per call, stays eager with the same results", () => {
    const reads = (w: bp.Variable, opt: bp.Optimizer, x: bp.Tensor): void => {
      opt.minimize(() => x.matmul(w).square().mean(), [w]); // minimize reads the loss back
    };
    const changes = (w: bp.Variable, opt: bp.Optimizer, x: bp.Tensor, i: number): void => {
      const [g] = bp.grads((v) => x.matmul(v).sub(i).square().mean())([w]);
      opt.applyGradients([{ variable: w, grad: g! }]);
    };
    for (const body of [reads, changes]) {
      const given = captureStats.gaveUp.length;
      const eager = loop(false, body);
      const captured = loop(true, body);
      expect(captured.modes).not.toContain("replayed");
      expect(captureStats.gaveUp.length).toBeGreaterThan(given);
      expect(captured.w).toEqual(eager.w);
    }
    expect(captureStats.gaveUp.join("\n")).toMatch(/read back/);
    expect(captureStats.gaveUp.join("\n")).toMatch(/differ/);
  });

  test("inputs of another shape run eagerly; the program replays again afterwards", () => {
    bp.setBackend("js");
    const w = bp.variable(bp.ones([3]));
    const step = bp.compileStep((x: bp.Tensor) => w.mul(x).sum());
    const modes: string[] = [];
    const out: number[] = [];
    for (const n of [3, 3, 3, 3, 1, 3]) {
      const x = n === 3 ? bp.tensor([1, 2, 3]) : bp.tensor([5]);
      out.push(step(x).item());
      modes.push(step.mode);
    }
    expect(modes).toEqual(["eager", "recorded", "recorded", "replayed", "eager", "replayed"]);
    expect(out).toEqual([6, 6, 6, 6, 15, 6]);
    step.dispose();
  });

  test("a tensor the program reads from outside that was freed makes it record afresh, with the new tensor's values", () => {
    bp.setBackend("js");
    let w = bp.keep(bp.tensor([1, 1, 1]));
    const step = bp.compileStep((x: bp.Tensor) => w.mul(x).sum());
    const x = bp.tensor([1, 2, 3]);
    const modes: string[] = [];
    const out: number[] = [];
    for (let i = 0; i < 8; i++) {
      if (i === 4) {
        w.dispose();
        w = bp.keep(bp.tensor([2, 2, 2]));
      }
      out.push(step(x).item());
      modes.push(step.mode);
    }
    expect(modes).toEqual(["eager", "recorded", "recorded", "replayed", "eager", "recorded", "recorded", "replayed"]);
    expect(out).toEqual([6, 6, 6, 6, 12, 12, 12, 12]);
    step.dispose();
    w.dispose();
  });

  test("a key function that refills and returns one array still records afresh when a value changes", () => {
    bp.setBackend("js");
    const a = bp.variable(bp.ones([3]));
    const b = bp.variable(bp.tensor([2, 2, 2]));
    let current = a;
    const key: unknown[] = [];
    const step = bp.compileStep((x: bp.Tensor) => current.mul(x).sum(), {
      key: () => {
        key[0] = current.storage;
        return key;
      },
    });
    const modes: string[] = [];
    const out: number[] = [];
    for (const w of [a, a, a, a, b, b, b, b]) {
      current = w;
      out.push(step(bp.tensor([1, 2, 3])).item());
      modes.push(step.mode);
    }
    // the same array came back each time: had the step kept it rather than a copy, the change to b
    // would compare equal to itself and the program recorded with a would replay
    expect(modes).toEqual(["eager", "recorded", "recorded", "replayed", "eager", "recorded", "recorded", "replayed"]);
    expect(out).toEqual([6, 6, 6, 6, 12, 12, 12, 12]);
    step.dispose();
  });
});

describe("values checked during a step are checked on every replay", () => {
  test.each(["js", "wasm"])(
    "sparse labels and an embedding on %s: replayed, bit for bit",
    async (backend) => {
      bp.setBackend(backend);
      const fitOnce = async (capture: boolean): Promise<number[]> => {
        bp.setSeed(5);
        bp.setCapture(capture);
        const model = bp.sequential([
          L.embedding({ inputDim: 20, outputDim: 4, inputLength: 3 }),
          L.flatten(),
          L.dense({ units: 3, activation: "softmax" }),
        ]);
        model.compile({ optimizer: O.adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
        const x = bp.tensor(
          Array.from({ length: 150 }, (_, i) => (i * 7) % 20),
          [50, 3],
        );
        const y = bp.tensor(
          Array.from({ length: 50 }, (_, i) => i % 3),
          [50],
        );
        await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, seed: 2 });
        return model.weights.flatMap((v) => Array.from(v.dataSync()));
      };
      const eager = await fitOnce(false);
      const replays = captureStats.replayed;
      const given = captureStats.gaveUp.length;
      const captured = await fitOnce(true);
      expect(captureStats.gaveUp.slice(given)).toEqual([]);
      // 18 full batches (the partial ones run eagerly), the first three eager or recording
      expect(captureStats.replayed - replays).toBeGreaterThanOrEqual(15);
      expect(captured).toEqual(eager);
    },
  );

  test("an index out of range in a replayed step is the eager step's ValueError", () => {
    bp.setBackend("wasm");
    const table = bp.randn([5, 2], { seed: 1 });
    const step = bp.compileStep((idx: bp.Tensor) => table.gather(idx));
    const good = bp.tensor([0, 4, 2], [3], "int32");
    for (let i = 0; i < 4; i++) step(good);
    expect(step.mode).toBe("replayed");
    const bad = bp.tensor([0, 5, 2], [3], "int32");
    const eagerError = (() => {
      try {
        table.gather(bad);
      } catch (e) {
        return (e as Error).message;
      }
      return "none";
    })();
    expect(eagerError).toMatch(/index 5 at position 1 is out of range/);
    expect(() => step(bad)).toThrow(eagerError);
    expect(Array.from(step(good).dataSync())).toEqual(Array.from(table.gather(good).dataSync()));
    step.dispose();
  });
});

test("the NaN guard stops a replayed fit before that batch's update, as the eager fit does", async () => {
  const attempt = async (capture: boolean): Promise<[string, number[]]> => {
    bp.setBackend("wasm");
    bp.setSeed(5);
    bp.setCapture(capture);
    const model = bp.sequential([
      L.dense({ units: 16, activation: "tanh", inputShape: [8] }),
      L.dense({ units: 3 }),
    ]);
    model.compile({ optimizer: O.sgd({ learningRate: 0.01 }), loss: "meanSquaredError" });
    const { x } = data([90, 8]);
    const y = bp.randn([90, 3], { seed: 3 }).mul(1e6);
    // from the third epoch on a learning rate that diverges within a few batches
    const callbacks = [
      { onEpochEnd: (epoch: number) => (epoch === 1 ? model.setLearningRate(1e12) : undefined) },
    ];
    const message = await model.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0, seed: 1, callbacks }).then(
      () => "no error",
      (e: Error) => e.message,
    );
    return [message, model.weights.flatMap((v) => Array.from(v.dataSync()))];
  };
  const [m1, w1] = await attempt(false);
  const replays = captureStats.replayed;
  const [m2, w2] = await attempt(true);
  expect(captureStats.replayed - replays).toBeGreaterThan(3);
  expect(m1).toMatch(/the loss became (NaN|-?Infinity) at epoch [3-5]\/5, batch [1-6]\/6/);
  expect(m2).toBe(m1);
  expect(w2).toEqual(w1);
});

test.each([
  ["the eager first batch", -1],
  ["the first recording", 0],
  ["the second recording", 1],
  ["the first replay", 2],
  ["a later replay", 4],
])("a fit the NaN guard stops at %s leaves no tensor behind", async (_, poisonAfter) => {
  // the training step reads its loss and runs the guard inside the step, before the update
  bp.setBackend("wasm");
  const model = bp.sequential([
    L.dense({ units: 16, activation: "tanh", inputShape: [8] }),
    L.dense({ units: 3, activation: "softmax" }),
  ]);
  // plain SGD: no optimizer slots are made during the fit
  model.compile({ optimizer: O.sgd({ learningRate: 0.01 }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const { x, y } = data([96, 8]);
  bp.tidy(() => void model.predict(x));
  // a NaN bias in place (same storage, so the captured step still replays): the next batch's loss is NaN
  const poison = (): void => bp.tidy(() => void model.layers[0]!.weights[1]!.assign(bp.zeros([16]).add(NaN)));
  if (poisonAfter < 0) poison();
  const before = bp.memory();
  const callbacks = [{ onBatchEnd: (batch: number) => (batch === poisonAfter ? poison() : undefined) }];
  const message = await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, callbacks }).then(
    () => "no error",
    (e: Error) => e.message,
  );
  expect(message).toMatch(`the loss became NaN at epoch 1/2, batch ${poisonAfter + 2}/6`);
  expect(bp.memory().numTensors).toBe(before.numTensors);
  expect(bp.memory().numBytes).toBe(before.numBytes);
});

test.each(["js", "wasm"])(
  "on %s, a step fed from a sharing step's results (gradients, then an update) replays bit for bit",
  (backend) => {
    // fit no longer trains so (one step a batch); compileStep's share option still serves such loops
    bp.setBackend(backend);
    const train = (capture: boolean): { weights: number[]; modes: string[] } => {
      bp.setCapture(capture);
      const w = bp.variable(bp.randn([4, 2], { seed: 1 }));
      const opt = O.adam({ learningRate: 0.05 });
      const x = bp.randn([8, 4], { seed: 2 });
      const y = bp.randn([8, 2], { seed: 4 });
      const gradient = bp.compileStep(
        (a: bp.Tensor, b: bp.Tensor) => bp.grads((v) => bp.losses.meanSquaredError(b, a.matmul(v)))([w]),
        { share: true },
      );
      const update = bp.compileStep((g: bp.Tensor) => void opt.applyGradients([{ variable: w, grad: g }]));
      for (let i = 0; i < 6; i++) bp.tidy(() => update(gradient(x, y)[0]!));
      const result = { weights: Array.from(w.dataSync()), modes: [gradient.mode, update.mode] };
      gradient.dispose();
      update.dispose();
      return result;
    };
    const eager = train(false);
    const captured = train(true);
    expect(captured.modes).toEqual(["replayed", "replayed"]);
    expect(captured.weights.every((v, i) => Object.is(v, eager.weights[i]))).toBe(true);
  },
);

test("bad arguments are BackpropErrors", () => {
  expect(() => bp.compileStep(42 as never)).toThrow(bp.ValueError);
  expect(() => bp.compileStep(() => undefined, { key: 3 } as never)).toThrow(/options must be/);
  const step = bp.compileStep((x: bp.Tensor) => x.add(1));
  expect(() => step([1, 2] as never)).toThrow(/argument 0 must be a Tensor, got object/);
  expect(() => bp.setCapture("yes" as never)).toThrow(bp.ValueError);
  const bad = bp.compileStep(() => 5 as never);
  expect(() => bad()).toThrow(/must return a Tensor, an array of Tensors or nothing, got number/);
});
