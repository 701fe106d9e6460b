import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { drive, FakeModel } from "./fake-model.js";

const cb = bp.callbacks;
const losses = (...v: number[]) => v.map((val_loss) => ({ val_loss }));

describe("earlyStopping (Keras 3 rules)", () => {
  // rows: options, val_loss per epoch, epochs that run, epoch whose weights are restored (if restoreBestWeights)
  test.each([
    [{ patience: 0 }, [1, 0.9, 0.95, 0.5], 3],
    [{ patience: 1 }, [1, 0.9, 0.95, 0.97, 0.5], 3],
    [{ patience: 2 }, [1, 0.9, 0.95, 0.5, 0.6, 0.7, 0.8], 6],
    [{ patience: 1, minDelta: 0.1 }, [1, 0.95, 0.92, 0.5], 2],
    [{ patience: 5 }, [3, 2, 1], 3],
  ])("%o on %j runs %i epochs", async (opts, series, n) => {
    const ran = await drive([cb.earlyStopping(opts)], new FakeModel(), losses(...series));
    expect(ran.length).toBe(n);
  });

  test("mode max and accuracy-like names", async () => {
    const es = cb.earlyStopping({ monitor: "val_accuracy", patience: 1 });
    expect(es.mode).toBe("max");
    const ran = await drive([es], new FakeModel(), [0.5, 0.7, 0.6, 0.65, 0.9].map((val_accuracy) => ({ val_accuracy })));
    expect(ran).toEqual([0, 1, 2]);
    expect(es.stoppedEpoch).toBe(2);
    expect(es.best).toBe(0.7);
    expect(cb.earlyStopping({ monitor: "loss", mode: "max" }).mode).toBe("max");
  });

  test("restoreBestWeights puts back the best epoch's weights", async () => {
    const model = new FakeModel();
    await drive([cb.earlyStopping({ patience: 2, restoreBestWeights: true })], model, losses(1, 0.4, 0.6, 0.7, 0.1));
    expect(model.weights[0]!.toArray()).toEqual([1]);
    // without the option the last weights stay
    const plain = new FakeModel();
    await drive([cb.earlyStopping({ patience: 2 })], plain, losses(1, 0.4, 0.6, 0.7, 0.1));
    expect(plain.weights[0]!.toArray()).toEqual([3]);
  });

  test("baseline: stops unless the figure beats the baseline within patience", async () => {
    // a plateau above the baseline: the first epoch does not reset the count
    expect(await drive([cb.earlyStopping({ patience: 2, baseline: 0.5 })], new FakeModel(), losses(0.9, 0.9, 0.9, 0.9))).toEqual([0, 1]);
    expect(await drive([cb.earlyStopping({ patience: 2 })], new FakeModel(), losses(0.9, 0.9, 0.9, 0.9))).toEqual([0, 1, 2]);
    expect(await drive([cb.earlyStopping({ patience: 2, baseline: 0.85 })], new FakeModel(), losses(0.9, 0.8, 0.7, 0.6))).toHaveLength(4);
  });

  test("bad options", () => {
    expect(() => cb.earlyStopping({ patience: -1 })).toThrow(bp.ValueError);
    expect(() => cb.earlyStopping({ mode: "up" as "min" })).toThrow(/mode/);
  });
});

describe("reduceLROnPlateau (Keras 3 rules)", () => {
  test("reduces after patience, respects cooldown and minLr", async () => {
    const model = new FakeModel();
    const seen: number[] = [];
    const r = cb.reduceLROnPlateau({ factor: 0.5, patience: 1, cooldown: 2, minLr: 0.02 });
    await drive([r, { onEpochEnd: () => void seen.push(model.lr) } as never], model, losses(1, 1, 1, 1, 1, 1, 1));
    expect(seen.map((v) => +v.toFixed(6))).toEqual([0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02]);
  });

  test("improvements smaller than minDelta do not count", async () => {
    const model = new FakeModel();
    await drive([cb.reduceLROnPlateau({ factor: 0.1, patience: 2, minDelta: 0.1 })], model, losses(1, 0.95, 0.91));
    expect(model.lr).toBeCloseTo(0.01, 12);
  });

  test("logs the learning rate", async () => {
    const logs: Record<string, number>[] = [];
    await drive([cb.reduceLROnPlateau(), { onEpochEnd: (_e: number, l: Record<string, number>) => void logs.push({ ...l }) } as never], new FakeModel(), losses(1));
    expect(logs[0]!.learning_rate).toBe(0.1);
  });

  test("factor must be below 1", () => expect(() => cb.reduceLROnPlateau({ factor: 1 })).toThrow(bp.ValueError));
});

describe("learningRateScheduler", () => {
  test("sets the rate from (epoch, lr) at each epoch start", async () => {
    const model = new FakeModel();
    const calls: [number, number][] = [];
    await drive([cb.learningRateScheduler((e, lr) => (calls.push([e, lr]), lr / 2))], model, losses(1, 1, 1));
    expect(calls).toEqual([[0, 0.1], [1, 0.05], [2, 0.025]]);
    expect(model.lr).toBe(0.0125);
  });

  test("a bad rate is a ValueError naming the epoch", async () => {
    await expect(drive([cb.learningRateScheduler((e) => (e === 1 ? NaN : 0.1))], new FakeModel(), losses(1, 1))).rejects.toThrow(/NaN for epoch 1/);
  });
});

describe("modelCheckpoint", () => {
  test("every epoch, with {epoch} from 1 and formatted figures", async () => {
    const model = new FakeModel();
    await drive([cb.modelCheckpoint({ filepath: "ckpt/e{epoch:02d}-{val_loss:.2f}" })], model, losses(0.5, 0.25));
    expect(model.saves).toEqual(["ckpt/e01-0.50", "ckpt/e02-0.25"]);
  });

  test("saveBestOnly saves only improvements", async () => {
    const model = new FakeModel();
    await drive([cb.modelCheckpoint({ filepath: "best-{epoch}", saveBestOnly: true })], model, losses(1, 0.5, 0.7, 0.4, 0.4));
    expect(model.saves).toEqual(["best-1", "best-2", "best-4"]);
  });

  test("unknown fields and missing monitors are errors", async () => {
    await expect(drive([cb.modelCheckpoint({ filepath: "x-{nope}" })], new FakeModel(), losses(1))).rejects.toThrow(/\{nope\}/);
    await expect(drive([cb.modelCheckpoint({ filepath: "x", saveBestOnly: true, monitor: "val_accuracy" })], new FakeModel(), losses(1))).rejects.toThrow(/val_accuracy/);
  });
});

describe("terminateOnNaN", () => {
  test("stops after a non-finite batch loss", async () => {
    const model = new FakeModel();
    const t = cb.terminateOnNaN();
    const list = new cb.CallbackList([t], model, { epochs: 1, initialEpoch: 0, steps: 3, samples: 3, batchSize: 1, verbose: 0, metrics: [] });
    await list.epochBegin(2, {});
    await list.batchEnd(0, { loss: 1 });
    expect(model.stopTraining).toBe(false);
    await list.batchEnd(1, { loss: Infinity });
    expect(model.stopTraining).toBe(true);
    expect(t.stoppedAt).toEqual({ epoch: 2, batch: 1 });
  });
});

describe("csvLogger", () => {
  const dir = mkdtempSync(join(tmpdir(), "bp-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("writes a header and one row per epoch; append continues the file", async () => {
    const file = join(dir, "sub", "log.csv");
    await drive([cb.csvLogger({ filename: file })], new FakeModel(), [{ loss: 1, val_loss: 2 }, { loss: 0.5, val_loss: 1.5 }]);
    expect(readFileSync(file, "utf8")).toBe("epoch,loss,val_loss\n0,1,2\n1,0.5,1.5\n");
    await drive([cb.csvLogger({ filename: file, append: true })], new FakeModel(), [{ loss: 0.25, val_loss: 1 }]);
    expect(readFileSync(file, "utf8")).toBe("epoch,loss,val_loss\n0,1,2\n1,0.5,1.5\n0,0.25,1\n");
    await drive([cb.csvLogger({ filename: file, separator: ";" })], new FakeModel(), [{ loss: 3 }]);
    expect(readFileSync(file, "utf8")).toBe("epoch;loss\n0;3\n");
  });
});

describe("History and plain-object callbacks", () => {
  test("History collects every figure per epoch", async () => {
    const h = new cb.History();
    await drive([h], new FakeModel(), [{ loss: 1, val_loss: 2 }, { loss: 0.5, val_loss: 1 }]);
    expect(h.history).toEqual({ loss: [1, 0.5], val_loss: [2, 1] });
    expect(h.epoch).toEqual([0, 1]);
  });

  test("plain objects get every hook, async hooks are awaited in order", async () => {
    const events: string[] = [];
    const model = new FakeModel();
    const list = new cb.CallbackList([
      { onTrainBegin: () => void events.push("train"), onEpochEnd: async (e: number) => { await new Promise((r) => setTimeout(r, 5)); events.push(`slow ${e}`); } },
      { onEpochEnd: (e: number) => void events.push(`fast ${e}`), onBatchBegin: (b: number) => void events.push(`batch ${b}`) },
    ], model, { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0, metrics: [] });
    await list.trainBegin({});
    await list.batchBegin(0, {});
    await list.epochEnd(0, {});
    expect(events).toEqual(["train", "batch 0", "slow 0", "fast 0"]);
  });
});

describe("batch hooks in fit", () => {
  test("a promise returned by a batch hook is awaited before the next callback and the next batch", async () => {
    const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const events: string[] = [];
    const slow = {
      onBatchEnd: (batch: number) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            events.push(`slow end ${batch}`);
            resolve();
          }, 5),
        ),
    };
    const after = {
      onBatchBegin: (batch: number) => void events.push(`begin ${batch}`),
      onBatchEnd: (batch: number) => void events.push(`end ${batch}`),
    };
    await model.fit(bp.ones([6, 2]), bp.ones([6, 1]), { epochs: 1, batchSize: 2, verbose: 0, callbacks: [slow, after] });
    expect(events).toEqual(["begin 0", "slow end 0", "end 0", "begin 1", "slow end 1", "end 1", "begin 2", "slow end 2", "end 2"]);
  });

  test("synchronous hooks return no promise", () => {
    const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
    const params = { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
    const list = new cb.CallbackList([{ onBatchBegin: () => undefined }, {}], model, params);
    expect(list.batchHooks("onBatchBegin", 0, {})).toBeUndefined();
    const asyncList = new cb.CallbackList([{ onBatchBegin: async () => undefined }], model, params);
    expect(asyncList.batchHooks("onBatchBegin", 0, {})).toBeInstanceOf(Promise);
  });
});
