import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { arrays, captureWriter, classification, mlp, weightsAfterFit } from "./helpers.js";

describe("fit trajectory equals the low-level computation", () => {
  test("3 epochs of plain SGD, no shuffle, batches 4/4/2: weights and history", async () => {
    const model = mlp([3, 4, 2]);
    const { x, y } = classification(10, 3, 2);
    const vars = model.getWeights().map((w) => bp.variable(w));
    const lr = 0.1;
    model.compile({ optimizer: bp.optimizers.sgd({ learningRate: lr }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });

    // the same by hand: forward pass, scalar loss, gradients, w -= lr * g
    const [k1, b1, k2, b2] = vars as [bp.Variable, bp.Variable, bp.Variable, bp.Variable];
    const forward = (xb: bp.Tensor) => xb.matmul(k1).add(b1).relu().matmul(k2).add(b2).softmax();
    const losses: number[] = [];
    const accuracies: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      let sum = 0;
      let correct = 0;
      for (const [start, size] of [[0, 4], [4, 4], [8, 2]] as const) {
        bp.tidy(() => {
          const xb = x.slice(start, size);
          const yb = y.slice(start, size);
          const { value, grads } = bp.valueAndGrads(() => bp.losses.categoricalCrossentropy(yb, forward(xb)), vars);
          const pred = forward(xb).argmax(-1).dataSync();
          const truth = yb.argmax(-1).dataSync();
          correct += pred.filter((p, i) => p === truth[i]).length;
          sum += value.item() * size;
          vars.forEach((v, i) => v.assign(v.sub(grads[i]!.mul(lr))));
        });
      }
      losses.push(sum / 10);
      accuracies.push(correct / 10);
    }
    const got = arrays(model.getWeights());
    arrays(vars).forEach((w, i) => w.forEach((v, j) => expect(got[i]![j]).toBeCloseTo(v, 6)));
    history.history.loss!.forEach((l, i) => expect(l).toBeCloseTo(losses[i]!, 6));
    expect(history.history.accuracy).toEqual(accuracies);
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(Object.keys(history.history).sort()).toEqual(["accuracy", "loss", "lr"]);
    expect(history.history.lr).toEqual([lr, lr, lr]);
  });
});

describe("determinism and memory", () => {
  const train = async (seed: number | undefined, global: number) => {
    bp.setSeed(global);
    // dropout draws from the seeded generators too
    const model = bp.sequential([
      bp.layers.dense({ units: 8, activation: "relu", inputShape: [3] }),
      bp.layers.dropout({ rate: 0.3 }),
      bp.layers.dense({ units: 3, activation: "softmax" }),
    ]);
    model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.01 }), loss: "categoricalCrossentropy" });
    const { x, y } = classification(40, 3, 3);
    const h = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, ...(seed === undefined ? {} : { seed }) });
    return { weights: arrays(model.getWeights()), loss: h.history.loss };
  };

  test("the same seeds give bit-identical weights and history", async () => {
    const a = await train(5, 1);
    expect(await train(5, 1)).toEqual(a);
    expect((await train(6, 1)).weights).not.toEqual(a.weights);
  });

  test("without a seed option, bp.setSeed makes the shuffling reproducible", async () => {
    expect(await train(undefined, 11)).toEqual(await train(undefined, 11));
    expect(await train(undefined, 12)).not.toEqual(await train(undefined, 11));
  });

  test("live tensors after epoch 1 equal those after epoch 5", async () => {
    const model = mlp([3, 8, 3]);
    model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy", "f1"] });
    const { x, y } = classification(60, 3, 3);
    const counts: number[] = [];
    await model.fit(x, y, {
      epochs: 5, batchSize: 16, validationSplit: 0.2, classWeight: { 0: 1, 1: 2, 2: 1 }, verbose: 0,
      callbacks: [{ onEpochEnd: () => void counts.push(bp.memory().numTensors) }],
    });
    expect(counts[4]).toBe(counts[0]);
  });
});

describe("fit options", () => {
  test("validationSplit holds out the last samples, before shuffling (as Keras)", async () => {
    const model = mlp([3, 6, 3]);
    model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    const { x, y } = classification(50, 3, 3);
    const h = await model.fit(x, y, { epochs: 2, validationSplit: 0.2, verbose: 0, seed: 1 });
    const r = model.evaluate(x.slice(40, 10), y.slice(40, 10));
    expect(h.history.val_loss!.at(-1)).toBeCloseTo(r.loss!, 6);
    expect(h.history.val_accuracy!.at(-1)).toBe(r.accuracy);
  });

  test("validationData is evaluated at each epoch end, with val_ keys", async () => {
    const model = mlp([3, 6, 3]);
    model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    const { x, y } = classification(50, 3, 3);
    const v = classification(20, 3, 3, 99);
    const h = await model.fit(x, y, { epochs: 3, validationData: [v.x, v.y], verbose: 0 });
    expect(Object.keys(h.history).sort()).toEqual(["accuracy", "loss", "lr", "val_accuracy", "val_loss"]);
    expect(h.history.val_loss).toHaveLength(3);
    expect(h.history.val_loss!.at(-1)).toBeCloseTo(model.evaluate(v.x, v.y).loss!, 6);
  });

  test("classWeight is the same as the equivalent sampleWeight", async () => {
    const { x, y, labels } = classification(30, 3, 3);
    const run = (opts: bp.FitArgs) => weightsAfterFit(x, y, opts);
    const cw = { 0: 1, 1: 3, 2: 0.5 };
    const viaClass = await run({ classWeight: cw });
    const viaSample = await run({ sampleWeight: bp.tensor(labels.map((l) => cw[l as 0 | 1 | 2])) });
    expect(viaClass).toEqual(viaSample);
    expect(viaClass).not.toEqual(await run({}));
  });

  test("stepsPerEpoch runs that many batches, continuing through the data across epochs", async () => {
    const model = mlp([3, 6, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    const { x, y } = classification(10, 3, 3);
    const sizes: number[] = [];
    await model.fit(x, y, { epochs: 3, batchSize: 4, stepsPerEpoch: 2, shuffle: false, verbose: 0, callbacks: [{ onBatchBegin: (_b, logs) => void sizes.push(logs!.size!) }] });
    expect(sizes).toEqual([4, 4, 2, 4, 4, 2]);
  });

  test("initialEpoch: epochs initialEpoch..epochs-1 run and are reported with their numbers", async () => {
    const model = mlp([3, 6, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    const { x, y } = classification(10, 3, 3);
    const h = await model.fit(x, y, { epochs: 5, initialEpoch: 3, verbose: 0 });
    expect(h.epoch).toEqual([3, 4]);
    expect(model.trainingEpoch).toBe(5);
    expect((await model.fit(x, y, { epochs: 0, verbose: 0 })).epoch).toEqual([]);
  });

  test("callbacks see every hook in order; stopTraining ends fit after the batch", async () => {
    const model = mlp([3, 6, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    const { x, y } = classification(10, 3, 3);
    const events: string[] = [];
    const h = await model.fit(x, y, {
      epochs: 3, batchSize: 5, verbose: 0,
      callbacks: [{
        onTrainBegin: () => void events.push("train"),
        onEpochBegin: (e) => void events.push(`epoch ${e}`),
        onBatchBegin: (b) => void events.push(`batch ${b}`),
        onBatchEnd: (b, logs) => {
          events.push(`end ${b} ${typeof logs?.loss}`);
          if (b === 0 && events.includes("epoch 1")) model.stopTraining = true;
        },
        onEpochEnd: (e) => void events.push(`epoch end ${e}`),
        onTrainEnd: () => void events.push("train end"),
      }],
    });
    expect(events).toEqual([
      "train", "epoch 0", "batch 0", "end 0 number", "batch 1", "end 1 number", "epoch end 0",
      "epoch 1", "batch 0", "end 0 number", "epoch end 1", "train end",
    ]);
    expect(h.epoch).toEqual([0, 1]);
  });

  test("built-in callbacks act on a real model", async () => {
    const model = mlp([3, 6, 3]);
    model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "categoricalCrossentropy" });
    const { x, y } = classification(20, 3, 3);
    let first: number[][] = [];
    const h = await model.fit(x, y, {
      epochs: 10, verbose: 0,
      callbacks: [
        bp.callbacks.learningRateScheduler((epoch) => 0.1 / (epoch + 1)),
        // the loss falls every epoch, so in "max" mode epoch 0 stays the best: stop after 2 more, restore epoch 0
        bp.callbacks.earlyStopping({ monitor: "loss", mode: "max", patience: 2, restoreBestWeights: true }),
        { onEpochEnd: (e) => void (e === 0 && (first = arrays(model.getWeights()))) },
      ],
    });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(h.history.lr!.map((v) => +v.toPrecision(6))).toEqual([0.1, 0.05, 0.0333333]);
    expect(h.history.learning_rate).toHaveLength(3);
    expect(arrays(model.getWeights())).toEqual(first);
  });
});

describe("a loss that becomes NaN or infinite", () => {
  const exploding = () => {
    const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2], kernelInitializer: bp.initializers.ones() })]);
    model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 1e30 }), loss: "meanSquaredError" });
    const x = bp.tensor([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const y = bp.tensor([[1], [2], [3], [4]]);
    return { model, x, y };
  };

  test("stops fit with a ValueError naming epoch and batch, before the bad update", async () => {
    const { model, x, y } = exploding();
    await expect(model.fit(x, y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0 })).rejects.toThrow(/loss became (NaN|Infinity) at epoch 1\/3, batch [2-4]\/4/);
    await expect(exploding().model.fit(x, y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0 })).rejects.toThrow(bp.ValueError);
  });

  test("stopOnNaN: false trains on; terminateOnNaN stops quietly", async () => {
    const a = exploding();
    const h = await a.model.fit(a.x, a.y, { epochs: 2, batchSize: 1, shuffle: false, verbose: 0, stopOnNaN: false });
    expect(h.history.loss).toHaveLength(2);
    expect(h.history.loss!.every((l) => !Number.isFinite(l))).toBe(true);
    const b = exploding();
    const t = bp.callbacks.terminateOnNaN();
    const h2 = await b.model.fit(b.x, b.y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0, callbacks: [t] });
    expect(h2.epoch).toEqual([0]);
    expect(t.stoppedAt?.epoch).toBe(0);
  });
});

describe("verbose output", () => {
  const setup = () => {
    const model = mlp([3, 4, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    return { model, ...classification(20, 3, 3) };
  };

  test("verbose 1 without a terminal: one line per epoch, validation figures at its end", async () => {
    const { model, x, y } = setup();
    const out = captureWriter(false);
    await model.fit(x, y, { epochs: 2, batchSize: 8, validationSplit: 0.2, writer: out.writer });
    const lines = out.text().split("\n");
    expect(lines[0]).toMatch(/^Epoch 1\/2 - 2\/2 ━{20} \d+s \d+(us|ms|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
    expect(lines[1]).toMatch(/^Epoch 2\/2 - 2\/2 /);
    expect(lines).toEqual([lines[0], lines[1], ""]);
    expect(out.text()).not.toMatch(/\r|lr:/);
  });

  test("verbose 1 on a terminal redraws with \\r; verbose 2 prints one plain line; verbose 0 nothing", async () => {
    const { model, x, y } = setup();
    const tty = captureWriter(true);
    await model.fit(x, y, { epochs: 1, batchSize: 4, writer: tty.writer });
    expect(tty.text()).toMatch(/^Epoch 1\/1\n\r/);
    expect(tty.text()).toMatch(/\r5\/5 ━{20} .*loss: .*\n$/);
    const two = captureWriter(true);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 2, writer: two.writer });
    expect(two.text()).toMatch(/^Epoch 1\/1 - 5\/5 - \d+s - \d+(us|ms|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}\n$/);
    const none = captureWriter(true);
    await model.fit(x, y, { epochs: 1, verbose: 0, writer: none.writer });
    expect(none.text()).toBe("");
  });
});
