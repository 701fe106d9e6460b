/**
 * Stopping fit early: fit yields to the event loop while it trains (so timers, signals and progress
 * rendering run), `model.stopTraining` ends it cleanly from a callback or a timer, and an AbortSignal
 * passed as `fit(x, y, { signal })` stops it after the current batch with the History of what was done.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { arrays, classification, mlp } from "./helpers.js";

/** A callback that keeps each batch busy for `ms` of wall time, so a fit lasts long whatever the machine. */
const busy = (ms: number): bp.callbacks.CallbackHooks => ({
  onBatchEnd: () => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // spin: stands for a batch of real work
    }
  },
});

function compiled(): bp.Sequential {
  const model = mlp([3, 8, 3]);
  model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.05 }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

describe("fit yields to the event loop", () => {
  test("a setInterval timer fires while a long fit runs", async () => {
    const model = compiled();
    const { x, y } = classification(40, 3, 3);
    let ticks = 0;
    let ticksDuringFit = -1;
    const timer = setInterval(() => void ticks++, 1);
    try {
      // 200 batches of at least 2 ms each: well over 50 ms of uninterrupted work
      await model.fit(x, y, {
        epochs: 20, batchSize: 4, verbose: 0,
        callbacks: [busy(2), { onTrainEnd: () => void (ticksDuringFit = ticks) }],
      });
    } finally {
      clearInterval(timer);
    }
    expect(ticksDuringFit).toBeGreaterThanOrEqual(1);
  }, 60_000);

  test("validation of a large set yields too", async () => {
    const model = compiled();
    const { x, y } = classification(8, 3, 3);
    const v = classification(4000, 3, 3, 7);
    let ticks = 0;
    const seen: number[] = [];
    const timer = setInterval(() => void ticks++, 1);
    // validation in batches of 1 takes thousands of steps; the ticks counted across it show it yielded
    const slowMetric = {
      onEpochBegin: () => void seen.push(ticks),
      onEpochEnd: () => void seen.push(ticks),
    };
    try {
      await model.fit(x, y, { epochs: 1, batchSize: 8, validationData: [v.x, v.y], validationBatchSize: 1, verbose: 0, callbacks: [slowMetric] });
    } finally {
      clearInterval(timer);
    }
    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe("model.stopTraining", () => {
  test("set by a timer while fit runs, training ends after the current batch and fit resolves", async () => {
    const model = compiled();
    const { x, y } = classification(40, 3, 3);
    setTimeout(() => (model.stopTraining = true), 20);
    const h = await model.fit(x, y, { epochs: 500, batchSize: 4, verbose: 0, callbacks: [busy(1)] });
    expect(h.epoch.length).toBeGreaterThanOrEqual(1);
    expect(h.epoch.length).toBeLessThan(500);
    expect(h.history.loss).toHaveLength(h.epoch.length);
    expect(model.trainingEpoch).toBe(h.epoch.length);
    expect(h.stopped?.reason).toBe("stopTraining");
  }, 60_000);

  test("set in onEpochEnd: that epoch is the last, history and weights are those of the epochs run", async () => {
    const model = compiled();
    const { x, y } = classification(20, 3, 3);
    const before = arrays(model.getWeights());
    const h = await model.fit(x, y, {
      epochs: 10, batchSize: 5, verbose: 0,
      callbacks: [{ onEpochEnd: (e) => void (e === 2 && (model.stopTraining = true)) }],
    });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(h.history.loss).toHaveLength(3);
    expect(h.stopped).toEqual({ reason: "stopTraining", epoch: 2, batches: 4 });
    expect(arrays(model.getWeights())).not.toEqual(before);
    // a new fit starts afresh: stopTraining is reset
    const again = await model.fit(x, y, { epochs: 2, batchSize: 5, verbose: 0 });
    expect(again.epoch).toEqual([0, 1]);
    expect(again.stopped).toBeUndefined();
  });

  test("a fit that runs to the end is not marked stopped", async () => {
    const model = compiled();
    const { x, y } = classification(20, 3, 3);
    const h = await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(h.stopped).toBeUndefined();
  });
});

describe("fit(x, y, { signal })", () => {
  test("aborted from a timer: stops after the current batch and resolves with the History so far", async () => {
    const model = compiled();
    const { x, y } = classification(40, 3, 3);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const h = await model.fit(x, y, { epochs: 500, batchSize: 4, verbose: 0, signal: controller.signal, callbacks: [busy(1)] });
    expect(h.epoch.length).toBeGreaterThanOrEqual(1);
    expect(h.epoch.length).toBeLessThan(500);
    expect(h.history.loss).toHaveLength(h.epoch.length);
    expect(h.stopped?.reason).toBe("aborted");
    expect(h.stopped?.epoch).toBe(h.epoch.at(-1));
    expect(model.trainingEpoch).toBe(h.epoch.length);
  }, 60_000);

  test("aborted in a callback: the batch under way finishes, the epoch is closed and every hook runs", async () => {
    const model = compiled();
    const { x, y } = classification(10, 3, 3);
    const controller = new AbortController();
    const events: string[] = [];
    const h = await model.fit(x, y, {
      epochs: 3, batchSize: 5, verbose: 0, signal: controller.signal, validationData: [x, y],
      callbacks: [{
        onEpochBegin: (e) => void events.push(`epoch ${e}`),
        onBatchEnd: (b) => {
          events.push(`end ${b}`);
          if (b === 0 && events.includes("epoch 1")) controller.abort();
        },
        onEpochEnd: (e, logs) => void events.push(`epoch end ${e} ${typeof logs?.val_loss}`),
        onTrainEnd: () => void events.push("train end"),
      }],
    });
    expect(events).toEqual(["epoch 0", "end 0", "end 1", "epoch end 0 number", "epoch 1", "end 0", "epoch end 1 number", "train end"]);
    expect(h.epoch).toEqual([0, 1]);
    expect(h.stopped).toEqual({ reason: "aborted", epoch: 1, batches: 1 });
  });

  test("already aborted: nothing trains, the weights stay and the History is empty", async () => {
    const model = compiled();
    const { x, y } = classification(10, 3, 3);
    const before = arrays(model.getWeights());
    const h = await model.fit(x, y, { epochs: 3, verbose: 0, signal: AbortSignal.abort() });
    expect(h.epoch).toEqual([]);
    expect(h.history).toEqual({});
    expect(h.stopped).toEqual({ reason: "aborted", epoch: 0, batches: 0 });
    expect(arrays(model.getWeights())).toEqual(before);
    expect(model.trainingEpoch).toBe(0);
  });

  test("a signal that is not an AbortSignal is a ValueError", async () => {
    const model = compiled();
    const { x, y } = classification(10, 3, 3);
    await expect(model.fit(x, y, { verbose: 0, signal: { aborted: false } as unknown as AbortSignal })).rejects.toThrow(bp.ValueError);
    await expect(model.fit(x, y, { verbose: 0, signal: { aborted: false } as unknown as AbortSignal })).rejects.toThrow(/signal must be an AbortSignal/);
  });
});
