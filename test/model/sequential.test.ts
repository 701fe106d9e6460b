import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { arrays, classification, mlp } from "./helpers.js";

describe("summary and parameter counts", () => {
  test("the 3-4-2 network has 26 parameters, the Keras table", () => {
    const model = bp.sequential({
      name: "net342",
      layers: [
        bp.layers.dense({ units: 4, activation: "relu", inputShape: [3], name: "hidden" }),
        bp.layers.dense({ units: 2, activation: "softmax", name: "out" }),
      ],
    });
    expect(model.countParams()).toBe(26);
    expect(model.summary()).toBe(
      [
        'Model: "net342"',
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
        "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
        "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
        "│ hidden (Dense)                  │ (None, 4)              │            16 │",
        "├─────────────────────────────────┼────────────────────────┼───────────────┤",
        "│ out (Dense)                     │ (None, 2)              │            10 │",
        "└─────────────────────────────────┴────────────────────────┴───────────────┘",
        " Total params: 26 (104.00 B)",
        " Trainable params: 26 (104.00 B)",
        " Non-trainable params: 0 (0.00 B)",
      ].join("\n"),
    );
  });

  test("the 3-4-4-1 network has 41 parameters", () => {
    const model = mlp([3, 4, 4, 1], "sigmoid");
    expect(model.countParams()).toBe(41);
    expect(model.summary()).toMatch(/Total params: 41 \(164\.00 B\)/);
  });

  test("frozen layers count as non-trainable; printFn gets each line; big counts get commas", () => {
    const model = bp.sequential([
      bp.layers.dense({ units: 1000, inputShape: [100] }),
      bp.layers.dense({ units: 10 }),
    ]);
    model.layers[0]!.trainable = false;
    const lines: string[] = [];
    const table = model.summary({ printFn: (l) => lines.push(l) });
    expect(lines.join("\n")).toBe(table);
    expect(table).toMatch(/│\s+101,000 │/);
    expect(table).toMatch(/Total params: 111,010 \(433\.63 KB\)/);
    expect(table).toMatch(/Trainable params: 10,010 /);
    expect(table).toMatch(/Non-trainable params: 101,000 /);
  });

  test("batchNormalization's moving statistics are non-trainable parameters (Keras: 4 features → 8 + 8)", () => {
    const model = bp.sequential([bp.layers.dense({ units: 4, inputShape: [3] }), bp.layers.batchNormalization()]);
    const table = model.summary();
    expect(table).toMatch(/Total params: 32 /);
    expect(table).toMatch(/Trainable params: 24 /);
    expect(table).toMatch(/Non-trainable params: 8 \(32\.00 B\)/);
  });

  test("integer inputs (embedding) train and predict", async () => {
    const model = bp.sequential([
      bp.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 3 }),
      bp.layers.flatten(),
      bp.layers.dense({ units: 2, activation: "softmax" }),
    ]);
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const x = bp.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 2]], undefined, "int32");
    const y = bp.tensor([0, 1, 1, 0]);
    const h = await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(h.history.accuracy).toHaveLength(2);
    expect(model.predict(x).shape).toEqual([4, 2]);
    expect(model.summary()).toMatch(/\(None, 3, 4\)/);
  });

  test("a model without an input shape builds from its first data", () => {
    const model = bp.sequential([bp.layers.dense({ units: 2 })]);
    expect(() => model.summary()).toThrow(/not built/);
    model.predict(bp.ones([1, 5]));
    expect(model.countParams()).toBe(12);
    expect(model.inputShape).toEqual([null, 5]);
  });
});

describe("weights", () => {
  test("getWeights returns copies in Keras order; setWeights checks count and shapes", () => {
    const model = mlp([3, 4, 2]);
    const ws = model.getWeights();
    expect(ws.map((w) => w.shape)).toEqual([[3, 4], [4], [4, 2], [2]]);
    expect(model.weights.map((w) => w.name)).toEqual(model.layers.flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]));
    const zeros = ws.map((w) => bp.zerosLike(w));
    model.setWeights(zeros);
    expect(model.getWeights().every((w) => w.dataSync().every((v) => v === 0))).toBe(true);
    // the earlier copies are untouched
    expect(ws[0]!.dataSync().some((v) => v !== 0)).toBe(true);
    expect(() => model.setWeights(ws.slice(1))).toThrow(/has 4 weights/);
    expect(() => model.setWeights([ws[0]!, ws[1]!, bp.zeros([2, 4]), ws[3]!])).toThrow(bp.ShapeError);
    expect(() => model.setWeights([ws[0]!, ws[1]!, bp.zeros([2, 4]), ws[3]!])).toThrow(/\[4,2\], got \[2,4\]/);
  });

  test("a frozen layer keeps its weights through fit", async () => {
    const model = mlp([3, 4, 2]);
    model.layers[0]!.trainable = false;
    const before = arrays(model.getWeights());
    model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.5 }), loss: "categoricalCrossentropy" });
    const { x, y } = classification(16, 3, 2);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const after = arrays(model.getWeights());
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after.slice(2)).not.toEqual(before.slice(2));
  });
});

describe("predict and evaluate", () => {
  test("predict in batches equals one forward pass", () => {
    const model = mlp([3, 5, 2]);
    const x = bp.randn([37, 3], { seed: 9 });
    const whole = model.apply(x).dataSync();
    for (const batchSize of [1, 8, 32, 100]) {
      const p = model.predict(x, { batchSize });
      expect(p.shape).toEqual([37, 2]);
      const data = p.dataSync();
      data.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 6));
    }
  });

  test("evaluate returns numbers: the mean loss over samples and the metrics", () => {
    const model = mlp([3, 5, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    const { x, y, labels } = classification(50, 3, 3);
    const r = model.evaluate(x, y, { batchSize: 7 });
    const p = model.predict(x);
    expect(r.loss).toBeCloseTo(bp.losses.categoricalCrossentropy(y, p).item(), 5);
    const predicted = p.argmax(-1).dataSync();
    expect(r.accuracy).toBeCloseTo(labels.filter((l, i) => l === predicted[i]).length / 50, 10);
  });

  test("evaluate with sample weights is the weighted mean over the batch size (Keras 3)", () => {
    const model = mlp([3, 5, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    const { x, y } = classification(20, 3, 3);
    const sw = bp.tensor(Array.from({ length: 20 }, (_, i) => (i % 4) / 2));
    const per = bp.losses.getLoss("categoricalCrossentropy").perSample(y, model.predict(x)).dataSync();
    const expected = Array.from(per).reduce((s, v, i) => s + v * ((i % 4) / 2), 0) / 20;
    expect(model.evaluate(x, y, { sampleWeight: sw, batchSize: 20 }).loss).toBeCloseTo(expected, 5);
  });

  test("regularization penalties count in evaluate's loss (Keras 3)", () => {
    const model = bp.sequential([bp.layers.dense({ units: 2, inputShape: [3], kernelRegularizer: bp.regularizers.l2({ l2: 0.1 }), kernelInitializer: bp.initializers.ones() })]);
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const x = bp.randn([8, 3], { seed: 1 });
    const y = bp.zeros([8, 2]);
    const data = bp.losses.meanSquaredError(y, model.predict(x)).item();
    // l2 penalty: 0.1 * sum(kernel^2) = 0.1 * 6 ones
    expect(model.evaluate(x, y).loss).toBeCloseTo(data + 0.6, 5);
  });

  test("predict and evaluate keep memory flat", () => {
    const model = mlp([3, 5, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    const { x, y } = classification(50, 3, 3);
    model.predict(x).dispose();
    model.evaluate(x, y);
    const before = bp.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      model.predict(x, { batchSize: 8 }).dispose();
      model.evaluate(x, y, { batchSize: 8 });
    }
    expect(bp.memory().numTensors).toBe(before);
  });
});
