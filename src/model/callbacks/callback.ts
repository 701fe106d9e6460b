/**
 * Callbacks: hooks `fit` calls around training, epochs and batches. A plain object with any of the
 * hooks works; the built-in ones extend Callback, which also receives the model and fit's params.
 *
 *   await model.fit(x, y, { callbacks: [{ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) }] });
 */
import { ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";

/**
 * Figures reported to callbacks: loss, metrics, val_loss, val_<metric>, lr.
 *
 * @example
 * const logs: bp.callbacks.Logs = { loss: 0.31, accuracy: 0.9, val_loss: 0.35 };
 * Object.keys(logs).filter((k) => k.startsWith("val_"));   // => ["val_loss"]
 */
export type Logs = Record<string, number>;

/**
 * What `fit` tells callbacks before training.
 *
 * @example
 * let params: bp.callbacks.FitParams | undefined;
 * class Peek extends bp.callbacks.Callback {
 *   onTrainBegin(): void {
 *     params = this.params;
 *   }
 * }
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([10, 2]), bp.ones([10, 1]), { epochs: 1, batchSize: 4, verbose: 0, callbacks: [new Peek()] });
 * params!.steps;   // => 3
 */
export interface FitParams {
  epochs: number;
  initialEpoch: number;
  /** Batches per epoch. */
  steps: number;
  /** Training samples (after the validation split). */
  samples: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  /** Names of the figures in the logs, in display order (loss, metrics, then val_*). */
  metrics: string[];
}

/**
 * The parts of a model that callbacks use.
 *
 * @example
 * class HalveEveryEpoch extends bp.callbacks.Callback {
 *   onEpochEnd(): void {
 *     const m: bp.callbacks.CallbackModel = this.model;
 *     m.setLearningRate(m.getLearningRate() / 2);
 *   }
 * }
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [new HalveEveryEpoch()] });
 * model.optimizer!.currentLearningRate();   // => 0.025
 */
export interface CallbackModel {
  /** Set true to end fit after the current batch. */
  stopTraining: boolean;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  save(dir: string): Promise<void>;
  /** The optimizer's learning rate (a number; reading a schedule gives its current value). */
  getLearningRate(): number;
  setLearningRate(lr: number): void;
}

type MaybePromise = void | Promise<void>;

/**
 * The hooks; every one is optional. `batch` counts from 0 within the epoch, `epoch` from 0.
 *
 * @example
 * const losses: number[] = [];
 * const hooks: bp.callbacks.CallbackHooks = { onEpochEnd: (epoch, logs) => { losses.push(logs!.loss!); } };
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [hooks] });
 * losses.length;   // => 2
 */
export interface CallbackHooks {
  onTrainBegin?(logs?: Logs): MaybePromise;
  onTrainEnd?(logs?: Logs): MaybePromise;
  onEpochBegin?(epoch: number, logs?: Logs): MaybePromise;
  onEpochEnd?(epoch: number, logs?: Logs): MaybePromise;
  onBatchBegin?(batch: number, logs?: Logs): MaybePromise;
  onBatchEnd?(batch: number, logs?: Logs): MaybePromise;
}

/**
 * Base class of the built-in callbacks: keeps the model and params fit hands over.
 *
 * @example
 * class EpochTimer extends bp.callbacks.Callback {
 *   readonly seconds: number[] = [];
 *   private start = 0;
 *   onEpochBegin(): void {
 *     this.start = performance.now();
 *   }
 *   onEpochEnd(): void {
 *     this.seconds.push((performance.now() - this.start) / 1000);
 *   }
 * }
 * const timer = new EpochTimer();
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [timer] });
 * timer.seconds.length;   // => 3
 */
export abstract class Callback {
  protected modelRef: CallbackModel | undefined;
  params: FitParams | undefined;

  /**
   * Attaches the model the callback acts on (fit does this before training starts).
   *
   * @example
   * class Counter extends bp.callbacks.Callback {}
   * const counter = new Counter();
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * counter.setModel(model);
   * counter.model === model;   // => true
   */
  setModel(model: CallbackModel): void {
    this.modelRef = model;
  }

  /**
   * Gives the callback fit's parameters: epochs, steps per epoch, batch size, metric names (fit does this).
   *
   * @example
   * class Counter extends bp.callbacks.Callback {}
   * const counter = new Counter();
   * counter.setParams({ epochs: 5, initialEpoch: 0, steps: 10, samples: 320, batchSize: 32, verbose: 0, metrics: ["loss"] });
   * counter.params!.epochs;   // => 5
   */
  setParams(params: FitParams): void {
    this.params = params;
  }

  /**
   * The model this callback is attached to (set by fit).
   *
   * @example
   * class LrPrinter extends bp.callbacks.Callback {
   *   readonly rates: number[] = [];
   *   onEpochEnd(): void {
   *     this.rates.push(this.model.getLearningRate());
   *   }
   * }
   * const printer = new LrPrinter();
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.05 }), loss: "mse" });
   * await model.fit(bp.ones([4, 1]), bp.ones([4, 1]), { epochs: 2, verbose: 0, callbacks: [printer] });
   * printer.rates;   // => [0.05, 0.05]
   */
  get model(): CallbackModel {
    if (!this.modelRef) throw new ValueError(`${this.constructor.name}: not attached to a model; pass it to fit({ callbacks })`);
    return this.modelRef;
  }
}

/**
 * Runs a list of callbacks in order, awaiting each; the same logs object passes through all of them.
 *
 * @example
 * const seen: string[] = [];
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
 * const params: bp.callbacks.FitParams = { epochs: 1, initialEpoch: 0, steps: 1, samples: 4, batchSize: 4, verbose: 0, metrics: ["loss"] };
 * const list = new bp.callbacks.CallbackList([{ onEpochEnd: (epoch, logs) => { seen.push(`${epoch}: ${logs?.loss}`); } }], model, params);
 * await list.epochEnd(0, { loss: 0.5 });
 * seen;   // => ["0: 0.5"]
 */
export class CallbackList {
  readonly callbacks: readonly CallbackHooks[];

  constructor(callbacks: readonly (CallbackHooks | Callback)[], model: CallbackModel, params: FitParams) {
    this.callbacks = callbacks as readonly CallbackHooks[];
    for (const cb of callbacks) {
      if (cb instanceof Callback) {
        cb.setModel(model);
        cb.setParams(params);
      }
    }
  }

  /**
   * Calls every callback's onTrainBegin, in order.
   *
   * @example
   * const calls: string[] = [];
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * const list = new bp.callbacks.CallbackList([{ onTrainBegin: () => { calls.push("a"); } }, { onTrainBegin: () => { calls.push("b"); } }], model, params);
   * await list.trainBegin({});
   * calls;   // => ["a", "b"]
   */
  async trainBegin(logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onTrainBegin?.(logs);
  }

  /**
   * Calls every callback's onTrainEnd, in order.
   *
   * @example
   * let ended = false;
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * await new bp.callbacks.CallbackList([{ onTrainEnd: () => { ended = true; } }], model, params).trainEnd({ loss: 0.1 });
   * ended;   // => true
   */
  async trainEnd(logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onTrainEnd?.(logs);
  }

  /**
   * Calls every callback's onEpochBegin with the epoch (0-based), in order.
   *
   * @example
   * const epochs: number[] = [];
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 2, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * const list = new bp.callbacks.CallbackList([{ onEpochBegin: (epoch) => { epochs.push(epoch); } }], model, params);
   * await list.epochBegin(0, {});
   * await list.epochBegin(1, {});
   * epochs;   // => [0, 1]
   */
  async epochBegin(epoch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onEpochBegin?.(epoch, logs);
  }

  /**
   * Calls every callback's onEpochEnd with the epoch and its logs; all see the same logs object.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * const addLr = { onEpochEnd: (_: number, logs?: bp.callbacks.Logs) => { logs!.lr = 0.01; } };
   * const logs: bp.callbacks.Logs = { loss: 0.5 };
   * await new bp.callbacks.CallbackList([addLr], model, params).epochEnd(0, logs);
   * logs;   // => { loss: 0.5, lr: 0.01 }
   */
  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onEpochEnd?.(epoch, logs);
  }

  /**
   * Calls every callback's onBatchBegin with the batch index within the epoch.
   *
   * @example
   * const seen: number[] = [];
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 1, initialEpoch: 0, steps: 3, samples: 3, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * await new bp.callbacks.CallbackList([{ onBatchBegin: (batch) => { seen.push(batch); } }], model, params).batchBegin(2, {});
   * seen;   // => [2]
   */
  async batchBegin(batch: number, logs: Logs): Promise<void> {
    await this.batchHooks("onBatchBegin", batch, logs);
  }

  /**
   * Calls every callback's onBatchEnd with the batch index and the batch's logs.
   *
   * @example
   * const losses: number[] = [];
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * await new bp.callbacks.CallbackList([{ onBatchEnd: (_, logs) => { losses.push(logs!.loss!); } }], model, params).batchEnd(0, { loss: 0.25 });
   * losses;   // => [0.25]
   */
  async batchEnd(batch: number, logs: Logs): Promise<void> {
    await this.batchHooks("onBatchEnd", batch, logs);
  }

  /**
   * Calls every callback's `hook` in order, waiting for each one that returns a promise; returns a
   * promise only if one did. fit calls this once per batch and awaits only a promise, so a batch
   * whose callbacks are synchronous costs no microtask turns (and no promises).
   *
   * @example
   * const seen: number[] = [];
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * const params = { epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0 as const, metrics: ["loss"] };
   * const list = new bp.callbacks.CallbackList([{ onBatchEnd: (batch) => { seen.push(batch); } }], model, params);
   * list.batchHooks("onBatchEnd", 0, { loss: 0.5 }) === undefined;   // => true
   * seen;   // => [0]
   */
  batchHooks(hook: "onBatchBegin" | "onBatchEnd", batch: number, logs: Logs): Promise<void> | undefined {
    return this.hooksFrom(0, hook, batch, logs);
  }

  private hooksFrom(from: number, hook: "onBatchBegin" | "onBatchEnd", batch: number, logs: Logs): Promise<void> | undefined {
    const cbs = this.callbacks;
    for (let i = from; i < cbs.length; i++) {
      const r = cbs[i]![hook]?.(batch, logs);
      if (r !== undefined && typeof (r as Promise<void>).then === "function")
        return (r as Promise<void>).then(() => this.hooksFrom(i + 1, hook, batch, logs));
    }
    return undefined;
  }
}
