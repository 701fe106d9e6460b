/**
 * Callbacks: hooks `fit` calls around training, epochs and batches. A plain object with any of the
 * hooks works; the built-in ones extend Callback, which also receives the model and fit's params.
 *
 *   await model.fit(x, y, { callbacks: [{ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) }] });
 */
import { ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";

/** Figures reported to callbacks: loss, metrics, val_loss, val_<metric>, lr. */
export type Logs = Record<string, number>;

/** What `fit` tells callbacks before training. */
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

/** The parts of a model that callbacks use. */
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

/** The hooks; every one is optional. `batch` counts from 0 within the epoch, `epoch` from 0. */
export interface CallbackHooks {
  onTrainBegin?(logs?: Logs): MaybePromise;
  onTrainEnd?(logs?: Logs): MaybePromise;
  onEpochBegin?(epoch: number, logs?: Logs): MaybePromise;
  onEpochEnd?(epoch: number, logs?: Logs): MaybePromise;
  onBatchBegin?(batch: number, logs?: Logs): MaybePromise;
  onBatchEnd?(batch: number, logs?: Logs): MaybePromise;
}

/** Base class of the built-in callbacks: keeps the model and params fit hands over. */
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

/** Runs a list of callbacks in order, awaiting each; the same logs object passes through all of them. */
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
