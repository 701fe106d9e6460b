/**
 * earlyStopping: stops training when a monitored figure has stopped improving (Keras 3 semantics).
 *
 *   await model.fit(x, y, { validationSplit: 0.2, epochs: 100,
 *     callbacks: [bp.callbacks.earlyStopping({ monitor: "val_loss", patience: 3, restoreBestWeights: true })] });
 */
import { ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Callback, type Logs } from "./callback.js";
import { nonNegative, resolveMode, type MonitorMode } from "./monitor.js";

/**
 * Options of earlyStopping, as in Keras: monitor, minDelta, patience, mode, baseline, restoreBestWeights.
 *
 * @example
 * const args: bp.callbacks.EarlyStoppingArgs = { monitor: "val_accuracy", mode: "max", patience: 3, minDelta: 0.001 };
 * bp.callbacks.earlyStopping(args).mode;   // => "max"
 */
export interface EarlyStoppingArgs {
  /** Figure to watch (default "val_loss"). */
  monitor?: string;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** "auto" (default: accuracy-like figures are maximized), "min" or "max". */
  mode?: MonitorMode;
  /** Training continues until the figure beats this value (and then as usual). */
  baseline?: number;
  /** At the end of training, put back the weights of the best epoch (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all (default 0). */
  startFromEpoch?: number;
}

/**
 * Stops training when a monitored quantity stops improving, optionally restoring the best weights.
 *
 * @example
 * const stop = new bp.callbacks.EarlyStopping({ monitor: "loss", patience: 1 });
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0 }), loss: "meanSquaredError" });   // never improves
 * const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 10, verbose: 0, callbacks: [stop] });
 * h.history.loss!.length;   // => 2
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: "min" | "max";
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch training stopped at (0 if it did not stop early). */
  stoppedEpoch = 0;
  best: number | undefined;
  bestEpoch = 0;
  private bestWeights: Tensor[] | undefined;
  private warned = false;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    const op = "earlyStopping";
    this.monitor = args.monitor ?? "val_loss";
    this.minDelta = Math.abs(nonNegative(op, "minDelta", Math.abs(args.minDelta ?? 0)));
    this.patience = nonNegative(op, "patience", args.patience ?? 0);
    this.mode = resolveMode(op, this.monitor, args.mode);
    if (args.baseline !== undefined && !Number.isFinite(args.baseline)) throw new ValueError(`${op}: baseline must be a finite number, got ${args.baseline}`);
    this.baseline = args.baseline;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.startFromEpoch = nonNegative(op, "startFromEpoch", args.startFromEpoch ?? 0);
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = undefined;
    this.bestEpoch = 0;
    this.dropBestWeights();
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      if (!this.warned) console.warn(`earlyStopping: "${this.monitor}" is not among the logged figures (${Object.keys(logs).join(", ")}); it does nothing`);
      this.warned = true;
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === undefined) this.keepWeights(epoch);
    this.wait += 1;
    if (this.improves(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.keepWeights(epoch);
      // the count restarts only once the baseline is beaten too
      if (this.baseline === undefined || this.improves(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights !== undefined) this.model.setWeights(this.bestWeights);
    this.dropBestWeights();
  }

  private improves(value: number, reference: number | undefined): boolean {
    if (reference === undefined) return true;
    return this.mode === "min" ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  private keepWeights(epoch: number): void {
    this.dropBestWeights();
    this.bestWeights = this.model.getWeights();
    this.bestEpoch = epoch;
  }

  private dropBestWeights(): void {
    for (const w of this.bestWeights ?? []) w.dispose();
    this.bestWeights = undefined;
  }
}

/**
 * Factory: `bp.callbacks.earlyStopping({ patience: 2 })`.
 *
 * @example
 * const { x, y } = bp.data.toy.gaussian({ n: 100, seed: 1 });
 * const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
 * const stop = bp.callbacks.earlyStopping({ monitor: "val_loss", patience: 2, restoreBestWeights: true });
 * const h = await model.fit(x, y, { epochs: 5, validationSplit: 0.2, verbose: 0, callbacks: [stop] });
 * h.history.val_loss!.length <= 5;   // => true
 */
export function earlyStopping(args?: EarlyStoppingArgs): EarlyStopping {
  return new EarlyStopping(args);
}
