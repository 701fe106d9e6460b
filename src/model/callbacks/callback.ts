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

  setModel(model: CallbackModel): void {
    this.modelRef = model;
  }

  setParams(params: FitParams): void {
    this.params = params;
  }

  /** The model this callback is attached to (set by fit). */
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

  async trainBegin(logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onTrainBegin?.(logs);
  }

  async trainEnd(logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onTrainEnd?.(logs);
  }

  async epochBegin(epoch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onEpochBegin?.(epoch, logs);
  }

  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onEpochEnd?.(epoch, logs);
  }

  async batchBegin(batch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onBatchBegin?.(batch, logs);
  }

  async batchEnd(batch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onBatchEnd?.(batch, logs);
  }
}
